import { describe, expect, it } from "vitest";
import { accountHierarchy, OBJECT_OF, slimRecord } from "./seed-ledger";
import { remainingCalls, type ObjectProgress } from "./progress";

describe("accountHierarchy", () => {
  it("orders parents before children and cuts a cycle at its highest id", () => {
    const parents = new Map<string, string | null>([
      ["c1", null],
      ["c2", "c1"],
      ["c3", "c2"],
      ["c4", "c5"],
      ["c5", "c4"],
      ["c6", "gone"],
    ]);
    const live = new Set(parents.keys());
    const h = accountHierarchy({ live, parents });
    expect(h.cut).toEqual(new Map([["c5", "c4"]]));
    expect(h.parent.get("c4")).toBe("c5");
    expect(h.parent.get("c6")).toBeNull();
    expect(h.levels).toEqual([["c1", "c5", "c6"], ["c2", "c4"], ["c3"]]);
  });
});

describe("remainingCalls", () => {
  const row = (objectType: string, pending: number): ObjectProgress => ({ objectType, source: pending, pending, intent: 0, written: 0, skipped: 0, failed: 0, addsUp: true });
  it("counts an upsert and a job poll per hundred bulk records and one call per other record", () => {
    expect(remainingCalls([row("contacts", 250), row("activities", 40), row("companies", 0)])).toBe(3 * 2 + 40);
  });
});

describe("slimRecord", () => {
  it("keeps every field the routing rules read: a slim record routes exactly as the whole one", async () => {
    const { Dataset } = await import("@/lib/sandbox/generator/dataset");
    const { routeRecord } = await import("@/lib/mapping/route-record");
    const { DEFAULT_ROUTING_RULES } = await import("@/lib/mapping/routing-rules");
    const ds = new Dataset({ seed: 5, total: 3000, dirtyRates: { orphan_activity: 0.1, parent_cycle: 0.1, cross_pipeline_stage: 0.1, soft_deleted: 0.1 } });
    const context = { knownCompanyIds: new Set(Array.from({ length: ds.count("companies") / 2 }, (_, i) => String(ds.record("companies", i).id))), mappedPipelineIds: new Set(["p_1"]) };
    let compared = 0;
    for (const [collection, object] of Object.entries(OBJECT_OF)) {
      for (let i = 0; i < ds.count(collection as never); i++) {
        const r = ds.record(collection as never, i) as Record<string, unknown>;
        expect(routeRecord(object, slimRecord(r), DEFAULT_ROUTING_RULES, context), `${collection} ${String(r.id)}`).toEqual(routeRecord(object, r, DEFAULT_ROUTING_RULES, context));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(2500);
  });
});
