import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { sampleAt, timeLeftRun } from "../../test/support/time-left-run";

// Growth on the compressed clock (×720: the plan's hour in five real seconds), so the plan's
// limits, not the machine, set the pace, as they do against a real account.
describe("time left on the run page", () => {
  it("lies within its printed range once a quarter of the run is done", async () => {
    const run = await timeLeftRun(db(), { total: 5000, plan: "growth", clockScale: 720, workers: 2, sampleMs: 200 });
    expect(run.rateLimited).toBe(0);
    // From a quarter done to nine tenths: the last tenth is a second or two on this clock, where a
    // poll's own latency under load is a visible share of what is left.
    const from = run.samples.filter((s) => s.done >= 0.25 && s.done < 0.9);
    // Several polls over the run: a check of one would prove little.
    expect(from.length).toBeGreaterThanOrEqual(5);
    for (const s of from) {
      expect(s.actualLeft, JSON.stringify(s)).toBeGreaterThanOrEqual(s.lowSeconds);
      expect(s.actualLeft, JSON.stringify(s)).toBeLessThanOrEqual(s.highSeconds);
    }
    const half = sampleAt(run.samples, 0.5)!;
    expect(Math.abs(half.elapsed + half.seconds - run.totalSeconds) / run.totalSeconds).toBeLessThan(0.2);
  }, 120_000);
});
