import { describe, expect, it } from "vitest";
import { computeEstimate } from "./estimate";
import { DEFAULT_INPUT } from "./estimate-input";
import { parseEstimateParams } from "./estimate-params";

describe("computeEstimate", () => {
  it("reproduces the product page's headline figures for Visual Practice → Freshsales", () => {
    const e = computeEstimate(DEFAULT_INPUT);
    expect(e.compatibility.headline).toBe("13 of 14");
    expect(`${e.grade.letter} ${e.grade.label}`).toBe("B Standard");
    expect(e.timeline.label).toBe("48–72 hours");
    expect(e.price).toMatchObject({ kind: "fixed", totalUsd: 2_000 });
    expect(e.warnings).toEqual([]);
  });

  it("answers 'scoped individually' above 2,000,000 records yet still grades and times it", () => {
    const e = computeEstimate(parseEstimateParams({ contacts: "2000000", companies: "1" , deals: "0", pipelines: "0", activities: "0", users: "0", products: "0", attachments: "0" }));
    expect(e.price).toMatchObject({ kind: "scoped", totalRecords: 2_000_001 });
    expect(e.grade.factors[3]?.score).toBe(4);
    expect(e.timeline.writeCalls).toBe(20_000 * 2 + 1 * 2);
  });

  it("warns when files outgrow the Freshsales plan's pooled storage", () => {
    // Growth: 2 GB per user × 10 users = 20 GB < 25 GB.
    const e = computeEstimate({ ...DEFAULT_INPUT, attachmentGb: 25 });
    expect(e.warnings).toEqual([
      "Freshsales Growth stores 2 GB per user: 10 users give 20 GB pooled, short of 25 GB of files. Choose a larger plan or add seats before the run.",
    ]);
    expect(computeEstimate({ ...DEFAULT_INPUT, attachmentGb: 25, plan: "pro" }).warnings).toEqual([]);
  });

  it("corrects an impossible pair before estimating", () => {
    const e = computeEstimate({ ...DEFAULT_INPUT, destination: "visual-practice" });
    expect(e.input.destination).toBe("freshsales");
    expect(e.mapping.destination.name).toBe("Freshsales");
  });
});
