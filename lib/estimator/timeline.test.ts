import { describe, expect, it } from "vitest";
import { DEFAULT_INPUT, type EstimateInput } from "./estimate-input";
import { getPairMapping } from "./pairs/pair-mapping";
import { emptyInput } from "./test-inputs";
import { computeTimeline } from "./timeline";

// Every figure below was worked out by hand from the rules (bulk: ⌈n/batch⌉ × 2 calls; per
// record: n; files: 1 each; fixed 18 h; 20 GB/h; range = ⌈h⌉–⌈1.5h⌉) and the catalogue's
// limits (Visual Practice 20/s = 72,000/h, page 200; Freshsales Growth 1,000/h, Pro 2,000/h,
// Enterprise 5,000/h, batch 100).
interface Case {
  name: string;
  input: EstimateInput;
  writeCalls: number;
  extractCalls: number;
  loadHours: number;
  label: string;
}

const cases: Case[] = [
  {
    // contacts 200 + companies 40 + deals 60 + activities 5,000 + products 50 + files 500 = 5,850;
    // extract 50+10+15+1+25+1+1 + (3+500) = 606; 18 + 606/72,000 + 0.1 + 5.85 + 24 = 47.958.
    name: "the product page's default: Visual Practice → Freshsales Growth",
    input: DEFAULT_INPUT,
    writeCalls: 5_850,
    extractCalls: 606,
    loadHours: 5.85,
    label: "48–72 hours",
  },
  {
    // load 5,850/2,000 = 2.925; total 45.0334 → 46; ×1.5 = 67.55 → 68.
    name: "same counts on Freshsales Pro",
    input: { ...DEFAULT_INPUT, plan: "pro" },
    writeCalls: 5_850,
    extractCalls: 606,
    loadHours: 2.925,
    label: "46–68 hours",
  },
  {
    // load 5,850/5,000 = 1.17; total 43.2784 → 44; ×1.5 = 64.92 → 65.
    name: "same counts on Freshsales Enterprise",
    input: { ...DEFAULT_INPUT, plan: "enterprise" },
    writeCalls: 5_850,
    extractCalls: 606,
    loadHours: 1.17,
    label: "44–65 hours",
  },
  {
    // one bulk batch: 1 upsert + 1 poll; 18 + 1/72,000 + 0.002 → 19; 27.003 → 28.
    name: "100 contacts fill exactly one bulk batch",
    input: emptyInput({ counts: { contact: 100 } }),
    writeCalls: 2,
    extractCalls: 1,
    loadHours: 0.002,
    label: "19–28 hours",
  },
  {
    name: "101 contacts need a second batch",
    input: emptyInput({ counts: { contact: 101 } }),
    writeCalls: 4,
    extractCalls: 1,
    loadHours: 0.004,
    label: "19–28 hours",
  },
  {
    // tasks have no bulk endpoint: 12,000 calls = 12 h; extract 60; 30.0008 → 31; 45.001 → 46.
    name: "12,000 activities are one call each",
    input: emptyInput({ counts: { activity: 12_000 } }),
    writeCalls: 12_000,
    extractCalls: 60,
    loadHours: 12,
    label: "31–46 hours",
  },
  {
    // Salesforce Enterprise 100,000/day = 4,166.67/h, batch 10,000; HubSpot Professional
    // min(19/s, 625,000/day) = 26,041.67/h, page 100. Writes: contacts 5×2 + companies 1×2 +
    // deals 2×2 + activities 10×2 + products 1×2 + files 1,000 = 1,038. Extract 500+100+200+1+
    // 1,000+1+2 + (10+1,000) = 2,814. 18 + 0.1080576 + 0.5 + 0.24912 + 48 = 66.857 → 67; 100.29 → 101.
    name: "HubSpot → Salesforce Enterprise, daily cap spread per hour",
    input: emptyInput({
      source: "hubspot",
      destination: "salesforce",
      plan: "enterprise",
      counts: { contact: 50_000, company: 10_000, deal: 20_000, pipeline: 3, activity: 100_000, user: 20, product: 200 },
      attachments: 1_000,
      attachmentGb: 10,
      deltaHours: 48,
    }),
    writeCalls: 1_038,
    extractCalls: 2_814,
    loadHours: 0.24912,
    label: "67–101 hours",
  },
  {
    // Pipedrive Essential 600/min = 36,000/h, no bulk, pipelines written per record.
    // Writes 1,000+200+300+1+2,000+100 = 3,601; extract 5+1+2+1+10+1 + (1+100) = 121.
    // 18 + 0.00168 + 0.05 + 0.100028 + 24 = 42.1517 → 43; 63.23 → 64.
    name: "Visual Practice → Pipedrive (no bulk API on either side)",
    input: emptyInput({
      destination: "pipedrive",
      plan: "essential",
      counts: { contact: 1_000, company: 200, deal: 300, pipeline: 1, activity: 2_000, user: 5 },
      attachments: 100,
      attachmentGb: 1,
      deltaHours: 24,
    }),
    writeCalls: 3_601,
    extractCalls: 121,
    loadHours: 3_601 / 36_000,
    label: "43–64 hours",
  },
];

describe("computeTimeline", () => {
  it.each(cases)("$name", ({ input, writeCalls, extractCalls, loadHours, label }) => {
    const timeline = computeTimeline(input, getPairMapping(input.source, input.destination));
    expect(timeline.writeCalls).toBe(writeCalls);
    expect(timeline.extractCalls).toBe(extractCalls);
    const load = timeline.steps.find((s) => s.label.startsWith("Load into"));
    expect(load?.hours).toBeCloseTo(loadHours, 6);
    expect(timeline.label).toBe(label);
  });

  it("shows the formula behind each step of the default estimate", () => {
    const timeline = computeTimeline(DEFAULT_INPUT, getPairMapping("visual-practice", "freshsales"));
    expect(timeline.steps.map((s) => [s.label, s.formula])).toEqual([
      ["Setup, sample migration and reconciliation", "setup 6 h + sample 8 h + reconcile 4 h"],
      ["Extraction from Visual Practice", "606 calls ÷ 72,000 calls/hour"],
      ["File transfer", "2 GB ÷ 20 GB/hour"],
      ["Load into Freshsales", "5,850 calls ÷ 1,000 calls/hour (Freshsales Growth)"],
      ["Delta-pickup window", "24 h, chosen"],
    ]);
  });

  it("names where each object lands and how it is written", () => {
    const timeline = computeTimeline(DEFAULT_INPUT, getPairMapping("visual-practice", "freshsales"));
    const byObject = Object.fromEntries(timeline.objects.map((o) => [o.object, [o.destinationLabel, o.mode]]));
    expect(byObject).toEqual({
      contact: ["Contact", "bulk"],
      company: ["Account", "bulk"],
      deal: ["Opportunity", "bulk"],
      pipeline: ["Sales Pipeline", "none"],
      activity: ["Task", "per-record"],
      user: ["User", "none"],
      product: ["Product", "per-record"],
      attachment: ["Files", "per-record"],
    });
  });

  it.each([
    // 47.96 h → 48–72: three days or less stays in hours.
    [DEFAULT_INPUT, null],
    // 3,000,000 contacts: 60,000 + 5,850 - 200 = 65,650 calls = 65.65 h; total 107.97 → 108–162 h.
    [{ ...DEFAULT_INPUT, counts: { ...DEFAULT_INPUT.counts, contact: 3_000_000 } }, "about 5–7 days"],
  ])("adds days once the range passes three days (%#)", (input, days) => {
    const timeline = computeTimeline(input, getPairMapping("visual-practice", "freshsales"));
    expect(timeline.daysLabel).toBe(days);
  });

  it("adds the delta window hour for hour", () => {
    const mapping = getPairMapping("visual-practice", "freshsales");
    const short = computeTimeline({ ...DEFAULT_INPUT, deltaHours: 0 }, mapping);
    const long = computeTimeline({ ...DEFAULT_INPUT, deltaHours: 48 }, mapping);
    expect(long.totalHours - short.totalHours).toBeCloseTo(48, 9);
  });
});
