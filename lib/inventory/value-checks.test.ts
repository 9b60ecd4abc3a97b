import { describe, expect, it } from "vitest";
import { displayValue, isEmail, isNumberValue, isPhone, isUrl, parseDateLike } from "./value-checks";

describe("value checks", () => {
  it("dates in common spellings, with impossible ones marked invalid", () => {
    expect(parseDateLike("2024-03-05")).toEqual({ kind: "date", valid: true, year: 2024 });
    expect(parseDateLike("05/03/2024")).toMatchObject({ kind: "date", valid: true });
    expect(parseDateLike("31.12.1999")).toMatchObject({ kind: "date", valid: true, year: 1999 });
    expect(parseDateLike("March 5, 2024")).toMatchObject({ kind: "date", valid: true });
    expect(parseDateLike("5th Sept 2021")).toMatchObject({ kind: "date", valid: true });
    expect(parseDateLike("2024-03-05T14:22:09Z")).toMatchObject({ kind: "datetime", valid: true });
    expect(parseDateLike("2024-03-05 14:22")).toMatchObject({ kind: "datetime", valid: true });
    expect(parseDateLike("2024-03-05T14:22:09.123+05:30")).toMatchObject({ kind: "datetime", valid: true });
    expect(parseDateLike("2023-02-29")?.valid).toBe(false);
    expect(parseDateLike("2024-02-29")?.valid).toBe(true);
    expect(parseDateLike("13/13/2024")?.valid).toBe(false);
    expect(parseDateLike("Smarch 5, 2024")).toBeNull();
    expect(parseDateLike("12")).toBeNull();
    expect(parseDateLike(20240305)).toBeNull();
  });

  it("numbers keep identifiers with leading zeros out", () => {
    expect(isNumberValue("1,250.00")).toBe(true);
    expect(isNumberValue("-3.5")).toBe(true);
    expect(isNumberValue("0.25")).toBe(true);
    expect(isNumberValue("02134")).toBe(false);
    expect(isNumberValue("1,25")).toBe(false);
    expect(isNumberValue(Number.NaN)).toBe(false);
  });

  it("emails", () => {
    expect(isEmail("a.b+tag@sub.example.co.uk")).toBe(true);
    expect(isEmail("josé@exämple.de")).toBe(true);
    for (const bad of ["john.doe@", "@x.com", "a@@b.com", "a b@c.com", "a@b", ".a@b.com", "a..b@c.com"]) {
      expect(isEmail(bad), bad).toBe(false);
    }
  });

  it("phones", () => {
    for (const ok of ["+1 (555) 010-2000", "555.010.2000", "+44 20 7946 0958", "555-0100 ext. 42"]) {
      expect(isPhone(ok), ok).toBe(true);
    }
    for (const bad of ["555-CALL", "12345", "+1 555 0100 2000 3000 4", "n/a"]) expect(isPhone(bad), bad).toBe(false);
  });

  it("urls, but not dotted names", () => {
    for (const ok of ["https://clinic.example.com/a?b=1", "www.acme.com", "acme.co.uk", "acme.health"]) {
      expect(isUrl(ok), ok).toBe(true);
    }
    for (const bad of ["john.smith", "1.5", "a@b.com", "http://", "see acme.com"]) expect(isUrl(bad), bad).toBe(false);
  });

  it("shows control characters and shortens long values", () => {
    expect(displayValue("a\u0000b\nc")).toBe("a\\u0000b\\nc");
    expect(displayValue("x".repeat(500), 10)).toBe("xxxxxxxxxx… (500 chars)");
  });
});
