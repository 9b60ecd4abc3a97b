import { describe, expect, it } from "vitest";
import { canonicalJson, versionHash } from "./version-hash";

describe("versionHash", () => {
  it("ignores key order and undefined properties", () => {
    const a = { map: [{ id: "contact.email->contacts", field: "emails" }], status: "accepted", note: undefined };
    const b = { status: "accepted", map: [{ field: "emails", id: "contact.email->contacts" }] };
    expect(versionHash(a)).toBe(versionHash(b));
    expect(versionHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });
  it("changes on any edit, including array order and value types", () => {
    const base = versionHash({ fields: ["a", "b"], n: 1 });
    expect(versionHash({ fields: ["b", "a"], n: 1 })).not.toBe(base);
    expect(versionHash({ fields: ["a", "b"], n: "1" })).not.toBe(base);
    expect(versionHash({ fields: ["a", "b"], n: 1, extra: null })).not.toBe(base);
  });
  it("is plain sorted JSON underneath", () => {
    expect(canonicalJson({ b: [1, { d: true, c: "x" }], a: null })).toBe('{"a":null,"b":[1,{"c":"x","d":true}]}');
  });
});
