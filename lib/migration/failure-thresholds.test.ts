import { describe, expect, it } from "vitest";
import { DEFAULT_FAILURE_THRESHOLDS, describeOver, overThreshold, thresholdsOf } from "./failure-thresholds";

describe("failure thresholds", () => {
  it("holds the gate on any failed account, contact or deal by default", () => {
    const over = overThreshold([{ objectType: "companies", total: 500, failed: 1 }, { objectType: "contacts", total: 900, failed: 0 }], DEFAULT_FAILURE_THRESHOLDS);
    expect(over).toEqual([{ objectType: "companies", failed: 1, total: 500, percent: 0.2, allowed: 0 }]);
    expect(describeOver(over[0]!)).toBe("1 of 500 accounts failed (0.2%, 0% allowed)");
  });

  it("lets activities lose up to 2% and no more", () => {
    expect(overThreshold([{ objectType: "activities", total: 1000, failed: 20 }], DEFAULT_FAILURE_THRESHOLDS)).toEqual([]);
    expect(overThreshold([{ objectType: "activities", total: 1000, failed: 21 }], DEFAULT_FAILURE_THRESHOLDS).map((o) => o.percent)).toEqual([2.1]);
  });

  it("reads a migration's own figures over the defaults, ignoring what does not parse", () => {
    expect(thresholdsOf({ deals: 5, activities: "10" })).toEqual({ ...DEFAULT_FAILURE_THRESHOLDS, deals: 5, activities: 10 });
    expect(thresholdsOf({ deals: -1 })).toEqual(DEFAULT_FAILURE_THRESHOLDS);
    expect(thresholdsOf(null)).toEqual(DEFAULT_FAILURE_THRESHOLDS);
    expect(overThreshold([{ objectType: "deals", total: 100, failed: 4 }], thresholdsOf({ deals: 5 }))).toEqual([]);
  });
});
