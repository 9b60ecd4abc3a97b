import { describe, expect, it } from "vitest";
import { createProfiler, profileRecords } from "./profiler";

const catalogue = [
  { object: "contact", key: "hcn", label: "Health card number" },
  { object: "contact", key: "tier", label: "Membership tier" },
  { object: "contact", key: "never_used", label: "Never used" },
  { object: "deal", key: "hcn", label: "Deal-only label" },
];

const contacts = [
  {
    id: "c1",
    first_name: "Ana",
    address: { city: "Lyon", postal_code: "69001" },
    company_id: "co1",
    custom_properties: { hcn: "1234-567-890-AB", tier: "Gold", stray: "x" },
    created_at: "2024-03-05T14:22:09Z",
  },
  {
    id: "c2",
    first_name: "",
    address: null,
    company_id: null,
    custom_properties: { hcn: null, tier: "Gold" },
    created_at: "2024-03-06T09:00:00Z",
  },
  {
    first_name: "Chen",
    address: { city: "Paris", postal_code: "75001" },
    custom_properties: { tier: "Silver" },
    created_at: "2024-03-07T10:00:00Z",
  },
];

describe("createProfiler", () => {
  const profiles = profileRecords("contact", contacts, catalogue);
  const byPath = new Map(profiles.map((p) => [p.path, p]));

  it("flattens nested objects into dotted paths", () => {
    expect(byPath.get("address.city")).toMatchObject({ key: "city", label: "Address city", isCustom: false, filled: 2 });
    expect(byPath.has("address")).toBe(false);
  });

  it("treats null, blank strings and missing keys as empty, against every record", () => {
    expect(byPath.get("first_name")).toMatchObject({ total: 3, filled: 2 });
    expect(byPath.get("first_name")?.fillRate).toBeCloseTo(2 / 3, 5);
    expect(byPath.get("company_id")).toMatchObject({ total: 3, filled: 1 });
  });

  it("labels custom properties from the catalogue of the same object", () => {
    const hcn = byPath.get("custom_properties.hcn");
    expect(hcn).toMatchObject({ key: "hcn", label: "Health card number", isCustom: true, inCatalogue: true, sensitive: true });
    expect(hcn?.sensitivityReason).toMatch(/health card/);
  });

  it("profiles keys the catalogue does not list, with a note", () => {
    const stray = byPath.get("custom_properties.stray");
    expect(stray).toMatchObject({ isCustom: true, inCatalogue: false, label: "Stray", filled: 1 });
    expect(stray?.notes).toContain('"stray" is not in the custom-properties catalogue');
  });

  it("lists catalogue keys that no record carries", () => {
    const unused = byPath.get("custom_properties.never_used");
    expect(unused).toMatchObject({ filled: 0, fillRate: 0, inCatalogue: true });
    expect(unused?.notes.join()).toMatch(/no record has a value/);
  });

  it("names records without an id by position in examples", () => {
    const recs = [{ n: 1 }, { n: "x\u0000" }];
    const n = profileRecords("product", recs).find((p) => p.path === "n");
    expect(n?.anomalies.find((a) => a.kind === "control_chars")?.examples[0]?.recordId).toBe("#2");
  });

  it("keeps top values most frequent first", () => {
    expect(byPath.get("custom_properties.tier")?.topValues).toEqual([
      { value: "Gold", count: 2 },
      { value: "Silver", count: 1 },
    ]);
  });

  it("profiles arrays of objects element by element", () => {
    const deals = [
      { id: "d1", line_items: [{ product_id: "p1", quantity: 2, unit_price: "10.00" }, { product_id: "p2", quantity: 1, unit_price: "5.50" }] },
      { id: "d2", line_items: [] },
      { id: "d3", line_items: [{ product_id: "p1", quantity: 3, unit_price: "10.00" }] },
    ];
    const qty = profileRecords("deal", deals).find((p) => p.path === "line_items[].quantity");
    expect(qty).toMatchObject({ key: "quantity", filled: 2, total: 3, inferredType: "number" });
    expect(qty?.shapes.number).toBe(3);
  });

  it("counts records as they are added and can finish more than once", () => {
    const p = createProfiler("company");
    p.add({ id: "a", name: "Acme" });
    p.add({ id: "b", name: "Beta" });
    expect(p.count).toBe(2);
    expect(p.finish()).toEqual(p.finish());
  });

  it("caps the number of field paths and says which were left out", () => {
    const p = createProfiler("contact", undefined, { maxFields: 3 });
    p.add({ id: "1", a: 1, b: 2, c: 3, d: 4, e: 5 });
    const out = p.finish();
    expect(out).toHaveLength(3);
    expect(out[0]?.notes.join()).toMatch(/not profiled: c, d, e/);
  });
});
