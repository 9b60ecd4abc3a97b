import { describe, expect, it } from "vitest";
import { accountHierarchy } from "./seed-ledger";
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
