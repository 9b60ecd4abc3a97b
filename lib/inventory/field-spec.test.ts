import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { apiNameFor, buildFieldSpec, type FieldSpecRow } from "./field-spec";
import { SPEC_CSV_COLUMNS, renderFieldSpecCsv, renderFieldSpecJson, renderFieldSpecMarkdown } from "./field-spec-render";
import { profileRecords } from "./profiler";

const contacts = Array.from({ length: 10 }, (_, i) => ({
  id: `c${i}`,
  created_at: "2024-01-01T00:00:00Z",
  updated_at: "2024-02-01T00:00:00Z",
  lifecycle_status: ["lead", "customer"][i % 2],
  custom_properties: {
    hcn: `1234-567-${String(100 + i)}-AB`,
    tier: ["Gold", "Silver | Plus", "=cmd()"][i % 3],
    visits: i === 3 ? "twelve" : i,
    dob: i % 2 ? "1980-02-03" : null,
  },
}));
const companies = [{ id: "co1", name: "Acme", custom_properties: { referral_source: "Web" } }];
const deals = [{ id: "d1", name: "Implant", custom_properties: {} }];
const catalogue = [
  { object: "contact", key: "hcn", label: "Health Card Number" },
  { object: "contact", key: "tier", label: "Membership Tier" },
  { object: "contact", key: "visits", label: "Visits" },
  { object: "contact", key: "dob", label: "Date of Birth" },
  { object: "company", key: "referral_source", label: "Referral Source" },
];
const profiles = [
  ...profileRecords("contact", contacts, catalogue),
  ...profileRecords("company", companies, catalogue),
  ...profileRecords("deal", deals, catalogue),
];
const spec = buildFieldSpec(profiles, { extraPaths: ["contact.lifecycle_status"] });
const row = (o: FieldSpecRow[], api: string) => o.find((r) => r.apiName === api);

describe("buildFieldSpec", () => {
  it("routes company to Account, contact to Contact, deal to Deal", () => {
    expect(spec.Account.map((r) => r.sourceField)).toContain("company.custom_properties.referral_source");
    expect(spec.Contact.every((r) => r.freshsalesObject === "Contact")).toBe(true);
    expect(spec.Deal.map((r) => r.apiName)).toEqual(["cf_vp_id", "cf_vp_created_at", "cf_vp_updated_at"]);
  });

  it("always includes the migration's own fields, cf_vp_id unique", () => {
    for (const rows of [spec.Contact, spec.Account, spec.Deal]) {
      expect(row(rows, "cf_vp_id")).toMatchObject({ unique: true, type: "text" });
      expect(row(rows, "cf_vp_created_at")).toMatchObject({ type: "datetime", unique: false });
      expect(row(rows, "cf_vp_updated_at")).toMatchObject({ type: "datetime" });
    }
    expect(row(spec.Contact, "cf_vp_id")?.sourceField).toBe("contact.id");
    expect(row(spec.Contact, "cf_vp_id")?.fillRate).toBe(1);
  });

  it("describes each custom property: name, type, choices, fill, sensitivity, notes", () => {
    expect(row(spec.Contact, "cf_health_card_number")).toMatchObject({ label: "Health Card Number", sensitive: true });
    const tier = row(spec.Contact, "cf_membership_tier");
    expect(tier?.type).toBe("dropdown");
    expect(tier?.dropdownValues.sort()).toEqual(["=cmd()", "Gold", "Silver | Plus"]);
    const visits = row(spec.Contact, "cf_visits");
    expect(visits?.type).toBe("number");
    expect(visits?.notes).toMatch(/twelve/);
    const dob = row(spec.Contact, "cf_date_of_birth");
    expect(dob).toMatchObject({ type: "date", fillRate: 0.5, sensitive: true });
    expect(row(spec.Contact, "cf_lifecycle_status")?.sourceField).toBe("contact.lifecycle_status");
  });

  it("makes Freshsales-style API names and keeps them unique", () => {
    expect(apiNameFor("Health Card Number")).toBe("cf_health_card_number");
    expect(apiNameFor("ICD-10 Code")).toBe("cf_icd_10_code");
    expect(apiNameFor("Numéro d'assurance")).toBe("cf_numero_d_assurance");
    expect(apiNameFor("2nd opinion")).toBe("cf_field_2nd_opinion");
    expect(apiNameFor("診断")).toBe("cf_field");
    const clash = buildFieldSpec(
      profileRecords("deal", [{ id: "1", custom_properties: { a: "x", b: "y" } }], [
        { key: "a", label: "Code" },
        { key: "b", label: "code" },
      ]),
    );
    const names = clash.Deal.map((r) => r.apiName);
    expect(new Set(names).size).toBe(names.length);
    const labels = clash.Deal.map((r) => r.label.toLowerCase());
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.filter((l) => /^code \((a|b)\)$/.test(l))).toHaveLength(1);
  });
});

describe("spec renderings", () => {
  it("CSV parses back to the same rows", () => {
    const csv = renderFieldSpecCsv(spec);
    const parsed = parse(csv, { columns: true }) as Record<string, string>[];
    const all = [...spec.Contact, ...spec.Account, ...spec.Deal];
    expect(Object.keys(parsed[0] ?? {})).toEqual([...SPEC_CSV_COLUMNS]);
    expect(parsed).toHaveLength(all.length);
    expect(parsed.map((r) => r["API name"])).toEqual(all.map((r) => r.apiName));
    const tier = parsed.find((r) => r["API name"] === "cf_membership_tier");
    // One choice per line; the pipe survives; a formula-like value is defused.
    expect(tier?.["Dropdown values"]?.split("\n").sort()).toEqual(["'=cmd()", "Gold", "Silver | Plus"]);
    expect(tier?.["Freshsales type"]).toBe("dropdown");
    expect(parsed.find((r) => r["API name"] === "cf_date_of_birth")).toMatchObject({ "Fill rate": "50.0%", Sensitive: "yes" });
    expect(parsed.filter((r) => r["API name"] === "cf_vp_id").map((r) => r.Unique)).toEqual(["yes", "yes", "yes"]);
  });

  it("JSON parses back with every row", () => {
    const json = JSON.parse(renderFieldSpecJson(spec)) as { objects: Record<string, FieldSpecRow[]> };
    expect(Object.keys(json.objects)).toEqual(["Contact", "Account", "Deal"]);
    expect(json.objects.Contact?.map((r) => r.apiName)).toEqual(spec.Contact.map((r) => r.apiName));
    expect(json.objects.Contact?.find((r) => r.apiName === "cf_membership_tier")?.dropdownValues).toHaveLength(3);
  });

  it("Markdown has one table per object with a line per field and a choice checklist", () => {
    const md = renderFieldSpecMarkdown(spec);
    for (const o of ["Contact", "Account", "Deal"]) expect(md).toContain(`## ${o} (`);
    const tableLines = md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Label") && !l.startsWith("| ---"));
    expect(tableLines).toHaveLength(spec.Contact.length + spec.Account.length + spec.Deal.length);
    // Pipes inside values are escaped so the table keeps its columns.
    const tierLine = tableLines.find((l) => l.includes("cf_membership_tier")) ?? "";
    expect(tierLine.split(/(?<!\\)\|/).length).toBe(11);
    expect(md).toContain("- [ ] Silver \\| Plus");
  });
});
