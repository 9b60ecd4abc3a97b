import { describe, expect, it } from "vitest";
import { isLeafPhase, phaseBatchSize, phasePlan, phasePriority } from "./phases";
import type { RunSettings } from "./types";

const settings = { accountLevels: [["a"], ["b"], ["c"]], batchSize: 100 } as unknown as RunSettings;

describe("phase scheduling", () => {
  it("queues every phase ahead of the phases that wait for it", () => {
    const plan = phasePlan(settings);
    for (const p of plan) {
      for (const dep of p.after) expect(phasePriority(dep), `${dep} before ${p.key}`).toBeGreaterThan(phasePriority(p.key));
    }
    // Leaves (activities, documents) come after every phase another one reads ids from.
    const readFrom = new Set(plan.flatMap((p) => p.after));
    const lowestNeeded = Math.min(...[...readFrom].map(phasePriority));
    for (const p of plan.filter((x) => !readFrom.has(x.key))) expect(phasePriority(p.key)).toBeLessThan(lowestNeeded);
  });

  it("starts what waits for nothing at once, and a phase after the seeding of its own rows only", () => {
    const plan = phasePlan(settings);
    const after = (key: string) => plan.find((p) => p.key === key)!.after;
    expect(plan.filter((p) => p.after.length === 0).map((p) => p.key).sort()).toEqual(["companies:0", "products", "seed:activities", "seed:attachments", "seed:contacts", "seed:deals"]);
    expect(after("contacts").sort()).toEqual(["companies:2", "seed:contacts"]);
    expect(after("deals").sort()).toEqual(["contacts", "products", "seed:deals"]);
    expect(after("activities:companies").sort()).toEqual(["companies:2", "seed:activities"]);
    expect(after("attachments:contacts").sort()).toEqual(["contacts", "seed:attachments"]);
    // Every collection but the two seeded as the run starts has its seed phase.
    expect(plan.filter((p) => p.key.startsWith("seed:")).map((p) => p.key.slice(5)).sort()).toEqual(["activities", "attachments", "contacts", "deals"]);
  });

  it("puts on the leaf queue exactly the phases no other phase waits for", () => {
    const plan = phasePlan(settings);
    const waitedFor = new Set(plan.flatMap((p) => p.after));
    expect(plan.filter((p) => isLeafPhase(p.key)).map((p) => p.key).sort()).toEqual(plan.filter((p) => !waitedFor.has(p.key)).map((p) => p.key).sort());
  });

  it("cuts documents into smaller batches than records", () => {
    const plan = phasePlan(settings);
    expect(phaseBatchSize(settings, plan.find((p) => p.key === "contacts")!)).toBe(100);
    expect(phaseBatchSize(settings, plan.find((p) => p.key === "attachments:contacts")!)).toBe(25);
  });
});
