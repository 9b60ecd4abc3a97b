import { describe, expect, it } from "vitest";
import { observedRetryRate, remainingCalls, timeLeftOf, type ObjectProgress } from "./progress";

const obj = (objectType: string, counts: Partial<ObjectProgress>): ObjectProgress => {
  const o = { objectType, source: 0, pending: 0, intent: 0, written: 0, skipped: 0, failed: 0, ...counts };
  return { ...o, source: o.pending + o.intent + o.written + o.skipped + o.failed, addsUp: true };
};
const growth = { perHour: 1000, perMinute: 400 };

describe("time left on the run page", () => {
  it("counts the fewest calls the open records need", () => {
    expect(remainingCalls([obj("contacts", { pending: 250 }), obj("activities", { pending: 40, intent: 2 }), obj("deals", { pending: 50 })])).toBe(6 + 42 + 2 + 50);
  });

  it("takes the share of repeated calls from what the run spent on the records it settled", () => {
    const objects = [obj("contacts", { written: 1000 }), obj("activities", { written: 80, failed: 20 })];
    // 20 + 100 calls needed, 150 made: 25 % repeated.
    expect(observedRetryRate(objects, 150)).toBeCloseTo(0.25, 9);
    expect(observedRetryRate([obj("activities", { written: 5 })], 50)).toBeUndefined();
  });

  it("predicts from the plan's pace with a range, and from the run's pace of calls only without a plan", () => {
    const objects = [obj("activities", { written: 1000, pending: 1000 })];
    const plan = timeLeftOf(objects, 1000, growth, 1)!;
    expect(plan.basis).toBe("plan");
    expect(plan.lowSeconds).toBeLessThan(3600);
    expect(plan.lowSeconds).toBeLessThan(plan.seconds);
    expect(plan.seconds).toBeLessThan(plan.highSeconds);
    expect(timeLeftOf(objects, 1000, growth, 0.1)!.basis).toBe("plan");
    const slow = timeLeftOf(objects, 1000, null, 0.1)!;
    expect(slow.basis).toBe("pace");
    // 1,000 calls at the run's 0.1 a second, plus half the finish allowance.
    expect(slow.seconds).toBeCloseTo(1000 / 0.1 + 1, 6);
    expect(slow.highSeconds).toBeGreaterThan(slow.seconds);
    expect(timeLeftOf([obj("activities", { written: 5 })], 5, growth, 0)?.seconds).toBe(0);
    expect(timeLeftOf(objects, 1000, null, 0)).toBeNull();
    expect(slow.planSeconds).toBeNull();
  });
});
