import { describe, expect, it } from "vitest";
import { phaseBatchSize, phasePlan, phasePriority } from "./phases";
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

  it("cuts documents into smaller batches than records", () => {
    const plan = phasePlan(settings);
    expect(phaseBatchSize(settings, plan.find((p) => p.key === "contacts")!)).toBe(100);
    expect(phaseBatchSize(settings, plan.find((p) => p.key === "attachments:contacts")!)).toBe(25);
  });
});
