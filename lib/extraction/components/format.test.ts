import { describe, expect, it } from "vitest";
import { formatDuration, formatRate } from "./format";

describe("progress formatting", () => {
  it("shows durations at the scale a person reads them", () => {
    expect(formatDuration(12.4)).toBe("12 s");
    expect(formatDuration(200)).toBe("3 min 20 s");
    expect(formatDuration(7500)).toBe("2 h 05 min");
    expect(formatDuration(null)).toBe("–");
  });

  it("rounds rates and leaves unknown ones blank", () => {
    expect(formatRate(5123.7)).toBe("5,124/s");
    expect(formatRate(null)).toBe("–");
  });
});
