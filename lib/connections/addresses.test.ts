import { describe, expect, it } from "vitest";
import { budgetAccountKey, parseFreshsalesAddress, parseVisualPracticeAddress } from "./addresses";

describe("parseFreshsalesAddress", () => {
  it.each([
    ["acme", "https://acme.myfreshworks.com/crm/sales/api"],
    ["  ACME  ", "https://acme.myfreshworks.com/crm/sales/api"],
    ["acme.myfreshworks.com", "https://acme.myfreshworks.com/crm/sales/api"],
    ["https://acme.myfreshworks.com/", "https://acme.myfreshworks.com/crm/sales/api"],
    ["https://acme.myfreshworks.com/crm/sales", "https://acme.myfreshworks.com/crm/sales/api"],
    ["acme.freshworks.com/crm/sales/api/", "https://acme.freshworks.com/crm/sales/api"],
    ["http://127.0.0.1:41234/crm/sales/api", "http://127.0.0.1:41234/crm/sales/api"],
    ["http://localhost:4000", "http://localhost:4000/crm/sales/api"],
  ])("%s → %s", (input, expected) => {
    expect(parseFreshsalesAddress(input)).toBe(expected);
  });

  it.each([
    ["", /Enter your Freshsales bundle domain/],
    ["acme corp", /cannot contain spaces/],
    ["ftp://acme.myfreshworks.com", /must start with https:\/\//],
    ["https://user:pw@acme.myfreshworks.com", /API key in its own field/],
    ["https://acme.myfreshworks.com/crm/sales/api?token=x", /query string/],
    ["acme_corp", /not a domain or URL/],
  ])("refuses %j in plain words", (input, message) => {
    expect(() => parseFreshsalesAddress(input)).toThrow(message);
  });
});

describe("parseVisualPracticeAddress", () => {
  it("keeps a full API base and gives a bare origin the standard path", () => {
    expect(parseVisualPracticeAddress("https://acme.visualpractice.example/api/v1/")).toBe("https://acme.visualpractice.example/api/v1");
    expect(parseVisualPracticeAddress("http://127.0.0.1:9000")).toBe("http://127.0.0.1:9000/api/v1");
    expect(parseVisualPracticeAddress("acme.visualpractice.example")).toBe("https://acme.visualpractice.example/api/v1");
  });

  it("refuses other schemes and embedded credentials", () => {
    expect(() => parseVisualPracticeAddress("file:///etc/passwd")).toThrow(/must start with https/);
    expect(() => parseVisualPracticeAddress("https://me:secret@vp.example/api/v1")).toThrow(/token in its own field/);
  });
});

describe("budgetAccountKey", () => {
  it("is the host plus a hash of the key, never the key", () => {
    const key = budgetAccountKey("https://acme.myfreshworks.com/crm/sales/api", "sk-live-123456");
    expect(key).toMatch(/^freshsales:acme\.myfreshworks\.com:[0-9a-f]{16}$/);
    expect(key).not.toContain("sk-live");
    expect(budgetAccountKey("https://acme.myfreshworks.com/crm/sales/api", "other")).not.toBe(key);
    expect(budgetAccountKey("http://127.0.0.1:1/crm/sales/api", "sk-live-123456")).not.toBe(key);
  });
});
