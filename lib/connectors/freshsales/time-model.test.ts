import { describe, expect, it } from "vitest";
import { FRESHSALES_PLAN_LIMITS } from "./plan-facts";
import { DEFAULT_RETRY_RATE, PACE_EFFICIENCY, predictTime, secondsAtPace, sustainedCallsPerHour } from "./time-model";

describe("time model", () => {
  it("paces at the tightest window of the plan", () => {
    expect(sustainedCallsPerHour(FRESHSALES_PLAN_LIMITS.growth)).toBe(1000);
    expect(sustainedCallsPerHour(FRESHSALES_PLAN_LIMITS.enterprise)).toBe(5000);
    expect(sustainedCallsPerHour({ perHour: 100_000, perMinute: 400 })).toBe(24_000);
    expect(sustainedCallsPerHour({ perSecond: 20, perDay: 24_000 })).toBe(1000);
    expect(secondsAtPace(2000, FRESHSALES_PLAN_LIMITS.growth)).toBe(7200);
  });

  it("answers in real seconds on the compressed clock", () => {
    // Growth ×720: an emulated hour in five real seconds.
    expect(secondsAtPace(1000, FRESHSALES_PLAN_LIMITS.growth, 720)).toBeCloseTo(5, 9);
  });

  it("expects the repeats and the run's idle share, with the minimum at the bottom of the range", () => {
    const p = predictTime({ calls: 1000, limits: FRESHSALES_PLAN_LIMITS.growth, retryRate: 0.1 });
    expect(p.expectedCalls).toBe(1100);
    expect(p.lowSeconds).toBeLessThan(3600);
    expect(p.seconds).toBeCloseTo((1100 * 3.6) / PACE_EFFICIENCY.expected, 6);
    expect(p.highSeconds).toBeGreaterThan(p.seconds);
    expect(predictTime({ calls: 1000, limits: FRESHSALES_PLAN_LIMITS.growth }).retryRate).toBe(DEFAULT_RETRY_RATE);
  });

  it("adds what is already queued at the governor, and nothing left is no time", () => {
    const p = predictTime({ calls: 1000, limits: FRESHSALES_PLAN_LIMITS.growth, retryRate: 0, waitSeconds: 30 });
    expect(p.lowSeconds).toBeGreaterThan(30);
    expect(p.lowSeconds).toBeLessThan(3630);
    expect(predictTime({ calls: 0, limits: FRESHSALES_PLAN_LIMITS.growth, waitSeconds: 30 }).seconds).toBe(0);
  });
});
