import { describe, expect, it } from "vitest";
import type { FieldMapping } from "@/lib/mapping/schemas";
import { diffRecord, summarise } from "./field-diff";

const mapping = (path: string, decision: FieldMapping["decision"], status: FieldMapping["status"] = "accepted"): FieldMapping =>
  ({
    id: `contact.${path}->contacts`,
    source: { object: "contact", path, label: path, isCustom: path.startsWith("custom_properties.") },
    entity: "contacts",
    decision,
    confidence: 1,
    reason: "test",
    transform: { kind: "none" },
    status,
  }) as unknown as FieldMapping;

const fieldMap = [
  mapping("first_name", { kind: "field", field: "first_name" }),
  mapping("phone", { kind: "field", field: "mobile_number" }),
  mapping("job_title", { kind: "do_not_migrate" }),
  mapping("custom_properties.hcn", { kind: "create_custom_field", spec: { name: "cf_hcn", label: "HCN", type: "text" } }),
  mapping("email", { kind: "field", field: "emails" }),
];

const record = { id: "c_1", first_name: "Ann", phone: "(555) 010-2000", job_title: "Nurse", email: "not-an-email", custom_properties: { hcn: "1234-567" }, owner_id: "u_1" };

describe("field-level diff of one record", () => {
  it("gives each field its verdict: equal, transformed, mismatch, dropped", () => {
    const rows = diffRecord(
      {
        objectType: "contacts", sourceId: "c_1", target: "contacts", destId: "17000000001", record,
        payload: { ok: true, fields: { first_name: "Ann", mobile_number: "+15550102000", cf_hcn: "1234-567", owner_id: 7, cf_vp_id: "c_1" }, flags: [] },
        destination: { first_name: "Ann", mobile_number: "+15550102000", cf_hcn: "9999", owner_id: 7, cf_vp_id: "c_1", emails: [] },
      },
      fieldMap,
      new Set(["contact.custom_properties.hcn"]),
    );
    const verdict = Object.fromEntries(rows.map((r) => [r.field, r.verdict]));
    expect(verdict).toEqual({ first_name: "equal", mobile_number: "transformed", job_title: "dropped", cf_hcn: "mismatch", emails: "dropped", owner_id: "transformed", cf_vp_id: "equal" });
    expect(rows.find((r) => r.field === "cf_hcn")).toMatchObject({ sensitive: true, source: "1234-567", expected: "1234-567", destination: "9999" });
    expect(rows.find((r) => r.field === "job_title")).toMatchObject({ source: "Nurse", expected: null, destination: null, note: "mapped to do-not-migrate" });
    expect(summarise(rows).byVerdict).toEqual({ equal: 2, transformed: 2, mismatch: 1, dropped: 2 });
  });

  it("reports a record missing in Freshsales as one mismatch", () => {
    const rows = diffRecord({ objectType: "contacts", sourceId: "c_1", target: "contacts", destId: "1", record, payload: { ok: true, fields: { first_name: "Ann" }, flags: [] }, destination: null }, fieldMap, new Set());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ field: "(record)", verdict: "mismatch" });
  });

  it("flags a value Freshsales holds that the engine never wrote", () => {
    const rows = diffRecord(
      { objectType: "contacts", sourceId: "c_1", target: "contacts", destId: "1", record: { id: "c_1" }, payload: { ok: true, fields: {}, flags: [] }, destination: { first_name: "Someone" } },
      fieldMap,
      new Set(),
    );
    expect(rows.find((r) => r.field === "first_name")?.verdict).toBe("mismatch");
  });
});
