import { describe, expect, it } from "vitest";
import { displayValue, expectedForCompare, readBack, sameValue } from "./values";

describe("comparing written and read-back values", () => {
  it("treats the wire's other shapes of the same fact as equal", () => {
    expect(sameValue(["a@b.test"], [{ id: 1, value: "a@b.test", is_primary: true }])).toBe(true);
    expect(sameValue(12.5, "12.50")).toBe(true);
    expect(sameValue("2024-01-02T03:04:05.000Z", "2024-01-02T03:04:05Z")).toBe(true);
    expect(sameValue("", null)).toBe(true);
    expect(sameValue(["b", "a"], ["a", "b"])).toBe(true);
  });

  it("tells different values apart", () => {
    expect(sameValue("Smith", "Smyth")).toBe(false);
    expect(sameValue(12.5, "12.51")).toBe(false);
    expect(sameValue("2024-01-02", "2024-01-03")).toBe(false);
    expect(sameValue(null, "x")).toBe(false);
  });

  it("reads relations back under the key Freshsales answers with", () => {
    const fields = { sales_account_id: 18000000001, contact_ids: [17000000002], emails: [{ value: "a@b.test" }, { value: "c@d.test" }] };
    expect(sameValue(expectedForCompare("sales_accounts", [{ id: 18000000001, is_primary: true }]), readBack(fields, "sales_accounts"))).toBe(true);
    expect(sameValue([17000000002], readBack(fields, "contacts_added_list"))).toBe(true);
    expect(sameValue(["a@b.test"], readBack(fields, "emails", ["a@b.test"]))).toBe(true);
  });

  it("prints values for the table and the CSV", () => {
    expect(displayValue(null)).toBeNull();
    expect(displayValue(["a", "b"])).toBe("a, b");
    expect(displayValue(true)).toBe("true");
  });
});
