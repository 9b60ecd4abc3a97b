import { describe, expect, it } from "vitest";
import { canonicalJson, recordHash } from "./canonical-hash";

describe("canonical record hash", () => {
  it("ignores key order at every level", () => {
    const a = { id: "1", b: { y: 1, x: [1, { q: 2, p: 1 }] }, a: null };
    const b = { a: null, b: { x: [1, { p: 1, q: 2 }], y: 1 }, id: "1" };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(recordHash(a)).toBe(recordHash(b));
  });

  it("changes when any value changes, including types", () => {
    expect(recordHash({ id: "1", n: 12 })).not.toBe(recordHash({ id: "1", n: "12" }));
    expect(recordHash({ id: "1", tags: ["a", "b"] })).not.toBe(recordHash({ id: "1", tags: ["b", "a"] }));
  });

  it("treats an undefined property like an absent one, as JSON does", () => {
    expect(canonicalJson({ id: "1", x: undefined })).toBe('{"id":"1"}');
  });
});
