import { describe, expect, it } from "vitest";
import type { FieldMapping } from "@/lib/mapping/schemas";
import { bandOf, filterMappings, knownSourceValues, NO_FILTER, summarise, transformForTarget } from "./field-table-model";

function mapping(id: string, over: Partial<FieldMapping> = {}): FieldMapping {
  return {
    id,
    source: { object: "contact", path: id, label: id, isCustom: true },
    entity: "contacts",
    decision: { kind: "field", field: "job_title" },
    confidence: 0.95,
    reason: "same name",
    status: "proposed",
    transform: { kind: "none" },
    sensitive: false,
    alternatives: [],
    proposedBy: "rules",
    ...over,
  };
}

const list = [
  mapping("title"),
  mapping("hcn", { confidence: 0.5, source: { object: "contact", path: "custom_properties.hcn", label: "Health card", isCustom: true } }),
  mapping("industry", { source: { object: "company", path: "industry", label: "Industry", isCustom: false }, entity: "sales_accounts", status: "accepted", confidence: 0.7 }),
];

describe("field review table model", () => {
  it("bands confidence at 0.9 and 0.6", () => {
    expect([bandOf(0.9), bandOf(0.89), bandOf(0.6), bandOf(0.59)]).toEqual(["high", "medium", "medium", "low"]);
  });

  it("filters by object, band, status and every search word", () => {
    expect(filterMappings(list, { ...NO_FILTER, object: "company" }).map((m) => m.id)).toEqual(["industry"]);
    expect(filterMappings(list, { ...NO_FILTER, band: "low" }).map((m) => m.id)).toEqual(["hcn"]);
    expect(filterMappings(list, { ...NO_FILTER, status: "undecided" }).map((m) => m.id)).toEqual(["title", "hcn"]);
    expect(filterMappings(list, { ...NO_FILTER, status: "accepted" }).map((m) => m.id)).toEqual(["industry"]);
    expect(filterMappings(list, { ...NO_FILTER, search: "health CARD" }).map((m) => m.id)).toEqual(["hcn"]);
    expect(filterMappings(list, { ...NO_FILTER, search: "health industry" })).toEqual([]);
  });

  it("counts what is still undecided and how much bulk accept would take", () => {
    expect(summarise(list)).toMatchObject({ total: 3, undecided: 2, highUndecided: 1, byStatus: { accepted: 1 } });
  });

  it("keeps a transform the new target can take and starts a dropdown map with its choices", () => {
    expect(transformForTarget({ kind: "text", maxLength: 80 }, "text", undefined)).toEqual({ kind: "text", maxLength: 80 });
    expect(transformForTarget({ kind: "text", maxLength: 80 }, "dropdown", ["A", "B"])).toMatchObject({ kind: "dropdown", choices: ["A", "B"], valueMap: {} });
    expect(transformForTarget({ kind: "none" }, "date", undefined)).toEqual({ kind: "date" });
  });

  it("lists the source values a value map knows", () => {
    expect(knownSourceValues({ kind: "dropdown", valueMap: { b: "B" }, choices: ["B"], unmapped: ["c"], closest: ["a"] })).toEqual(["a", "b", "c"]);
  });
});
