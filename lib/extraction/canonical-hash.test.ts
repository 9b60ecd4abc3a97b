import { describe, expect, it } from "vitest";
import { canonicalJson, piecewiseCanonicalJson, recordHash, sha256Hex } from "./canonical-hash";

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

  it("sorts numeric-looking keys as text, like every other key", () => {
    // A plain object would enumerate "9" before "10"; the canonical text must not.
    expect(canonicalJson({ b: 1, "10": { "2": true, "10": false }, "9": 3 })).toBe('{"10":{"10":false,"2":true},"9":3,"b":1}');
  });

  it("keeps a __proto__ key that came in parsed JSON as data", () => {
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":{"x":1}}'))).toBe('{"__proto__":{"x":1},"b":1}');
  });

  it("writes the same text as the piecewise reference for every kind of value", () => {
    const values: unknown[] = [
      { id: "c_1", name: "Zoë 東京 🏥", lone: "\ud800x", quote: 'a"b\\c\n', n: -0, big: 1e21, nan: Number.NaN, t: true, nil: null },
      { nested: { z: [1, "two", { y: null, x: [] }], a: {} }, arr: [undefined, null, [[]]] },
      { custom_properties: { beds: 12, tags: ["b", "a"], vip: false }, skip: undefined },
      [3, { b: 2, a: 1 }],
      "text",
      42,
      null,
      undefined,
    ];
    for (const value of values) expect(canonicalJson(value)).toBe(piecewiseCanonicalJson(value));
  });

  it("hashes as sha256 hex", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
