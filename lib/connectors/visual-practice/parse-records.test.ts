import { describe, expect, it } from "vitest";
import { parseRecords } from "./parse-records";

describe("parseRecords", () => {
  it("keeps good records whole, unknown keys included", () => {
    const { records, problems } = parseRecords("companies", [
      {
        id: "co_1",
        name: "東京クリニック 🏥",
        employee_count: 12,
        annual_revenue: "1250.00",
        address: { street: "1 Main", city: "Leeds", state: null, postal_code: "LS1", country: "GB" },
        custom_properties: { beds: 12, tags: ["a", "b"], vip: true, note: null },
        extra_vendor_key: { any: "thing" },
      },
    ]);
    expect(problems).toEqual([]);
    expect(records[0]).toMatchObject({ id: "co_1", name: "東京クリニック 🏥", extra_vendor_key: { any: "thing" } });
  });

  it("drops a record without an id and reports it, keeping the others", () => {
    const { records, problems } = parseRecords("contacts", [{ first_name: "No id" }, { id: "", first_name: "Empty" }, { id: "c_2" }, "junk"]);
    expect(records.map((r) => r.id)).toEqual(["c_2"]);
    expect(problems).toHaveLength(3);
    expect(problems.every((p) => p.recordId === null && p.severity === "error")).toBe(true);
    expect(problems[0]).toMatchObject({ collection: "contacts", field: "id" });
  });

  it("removes a wrongly typed field, reports record id and field, and keeps the rest", () => {
    const { records, problems } = parseRecords("deals", [
      {
        id: "d_9",
        name: "Implants",
        amount: 1250,
        expected_close_date: "next week",
        contact_ids: ["c_1", 42, "c_3"],
        custom_properties: { ok: "yes", nested: { bad: true } },
      },
    ]);
    const fields = problems.map((p) => [p.recordId, p.field]);
    expect(fields).toEqual(
      expect.arrayContaining([
        ["d_9", "amount"],
        ["d_9", "expected_close_date"],
        ["d_9", "contact_ids.1"],
        ["d_9", "custom_properties.nested"],
      ]),
    );
    expect(problems).toHaveLength(4);
    expect(records[0]).toMatchObject({ id: "d_9", name: "Implants", contact_ids: ["c_1", "c_3"], custom_properties: { ok: "yes" } });
    expect(records[0]).not.toHaveProperty("amount");
  });

  it("strips NUL bytes, flags other control characters and 1 MB text, without dropping the record", () => {
    const huge = "x".repeat(1024 * 1024);
    const { records, problems } = parseRecords("activities", [
      { id: "a_1", type: "note", subject: "bell\u0007here", body: huge, custom_properties: { memo: "nul\u0000in" } },
    ]);
    expect(records).toHaveLength(1);
    expect(records[0]?.body).toHaveLength(1024 * 1024);
    expect(records[0]).toMatchObject({ custom_properties: { memo: "nulin" } });
    expect(problems.map((p) => [p.recordId, p.field, p.severity])).toEqual(
      expect.arrayContaining([
        ["a_1", "subject", "warning"],
        ["a_1", "body", "warning"],
        ["a_1", "custom_properties.memo", "warning"],
      ]),
    );
    expect(problems.find((p) => p.field === "subject")?.message).toMatch(/U\+0007/);
    expect(problems.find((p) => p.field === "body")?.message).toMatch(/1048576 characters/);
  });

  it("gives catalogue entries a stable id from object and key", () => {
    const { records, problems } = parseRecords("custom-properties", [{ object: "contact", key: "allergies", label: "Allergies" }]);
    expect(problems).toEqual([]);
    expect(records[0]?.id).toBe("contact:allergies");
  });
});
