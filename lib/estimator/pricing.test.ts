import { describe, expect, it } from "vitest";
import { DEFAULT_INPUT } from "./estimate-input";
import { estimatorRules } from "./estimator-rules";
import { priceEstimate } from "./pricing";
import { emptyInput } from "./test-inputs";

// Expected prices are read off the tier table by hand: records 25k $1,500 / 100k $3,500 /
// 500k $7,500 / 1M $12,500 / 2M $19,500; files 5 GB free / 50 GB +$600 / 250 GB +$1,800 /
// 1 TB +$4,500; delta 48 h free / 96 h +$400 / 168 h +$900; objects 4 free / 8 +$500.
describe("priceEstimate: record tiers (one object, no files, no delta)", () => {
  const cases: [records: number, usd: number | "scoped"][] = [
    [1, 1_500],
    [25_000, 1_500],
    [25_001, 3_500],
    [100_000, 3_500],
    [100_001, 7_500],
    [500_000, 7_500],
    [500_001, 12_500],
    [1_000_000, 12_500],
    [1_000_001, 19_500],
    [2_000_000, 19_500],
    [2_000_001, "scoped"],
    [40_000_000, "scoped"],
  ];
  it.each(cases)("%i records → %s", (records, usd) => {
    const price = priceEstimate(emptyInput({ counts: { contact: records } }));
    if (usd === "scoped") {
      expect(price).toMatchObject({ kind: "scoped", reason: "Migrations over 2,000,000 records are scoped individually." });
    } else {
      expect(price).toMatchObject({ kind: "fixed", totalUsd: usd, totalRecords: records });
    }
  });
});

describe("priceEstimate: the other tiers", () => {
  const cases: [name: string, input: ReturnType<typeof emptyInput>, usd: number | "scoped"][] = [
    ["the page's default practice (20,562 records, 8 objects)", DEFAULT_INPUT, 2_000],
    ["attachments count toward the 2M line", emptyInput({ counts: { contact: 1_999_990 }, attachments: 11 }), "scoped"],
    ["exactly 2M split over objects", emptyInput({ counts: { contact: 1_500_000, activity: 499_990 }, attachments: 10 }), 19_500],
    ["5 GB of files is included", emptyInput({ counts: { contact: 10 }, attachments: 10, attachmentGb: 5 }), 1_500],
    ["5.01 GB of files", emptyInput({ counts: { contact: 10 }, attachments: 10, attachmentGb: 5.01 }), 2_100],
    ["250 GB of files", emptyInput({ counts: { contact: 10 }, attachments: 10, attachmentGb: 250 }), 3_300],
    ["1,000 GB of files", emptyInput({ counts: { contact: 10 }, attachments: 10, attachmentGb: 1_000 }), 6_000],
    ["over 1 TB of files", emptyInput({ counts: { contact: 10 }, attachments: 10, attachmentGb: 1_000.5 }), "scoped"],
    ["48 h delta included", emptyInput({ counts: { contact: 10 }, deltaHours: 48 }), 1_500],
    ["49 h delta", emptyInput({ counts: { contact: 10 }, deltaHours: 49 }), 1_900],
    ["96 h delta", emptyInput({ counts: { contact: 10 }, deltaHours: 96 }), 1_900],
    ["7-day delta", emptyInput({ counts: { contact: 10 }, deltaHours: 168 }), 2_400],
    ["4 objects", emptyInput({ counts: { contact: 1, company: 1, deal: 1, activity: 1 } }), 1_500],
    ["5 objects (files count as one)", emptyInput({ counts: { contact: 1, company: 1, deal: 1, activity: 1 }, attachments: 1 }), 2_000],
    [
      "everything at once: 600k records, 60 GB, 72 h, 8 objects",
      emptyInput({
        counts: { contact: 300_000, company: 50_000, deal: 50_000, pipeline: 5, activity: 199_000, user: 45, product: 450 },
        attachments: 500,
        attachmentGb: 60,
        deltaHours: 72,
      }),
      12_500 + 1_800 + 400 + 500,
    ],
  ];
  it.each(cases)("%s", (_name, input, usd) => {
    const price = priceEstimate(input);
    if (usd === "scoped") expect(price.kind).toBe("scoped");
    else expect(price).toMatchObject({ kind: "fixed", totalUsd: usd });
  });

  it("charges no per-record fee: 30,000 and 90,000 records cost the same", () => {
    const a = priceEstimate(emptyInput({ counts: { contact: 30_000 } }));
    const b = priceEstimate(emptyInput({ counts: { contact: 90_000 } }));
    expect(a).toMatchObject({ kind: "fixed", totalUsd: 3_500 });
    expect(b).toMatchObject({ kind: "fixed", totalUsd: 3_500 });
  });

  it("itemises the tiers that make up the price", () => {
    const price = priceEstimate(DEFAULT_INPUT);
    expect(price.kind === "fixed" && price.lines).toEqual([
      { label: "Up to 25,000 records", priceUsd: 1_500 },
      { label: "Up to 5 GB of files (included)", priceUsd: 0 },
      { label: "Delta window up to 48 hours (included)", priceUsd: 0 },
      { label: "5 to 8 objects", priceUsd: 500 },
    ]);
  });
});

describe("priceEstimate reads every tier from the rules data", () => {
  it("moves the scoped line when the last tier moves", () => {
    const rules = {
      ...estimatorRules,
      recordTiers: [...estimatorRules.recordTiers, { upTo: 5_000_000, priceUsd: 40_000, label: "Up to 5,000,000 records" }],
    };
    const input = emptyInput({ counts: { contact: 2_000_001 } });
    expect(priceEstimate(input).kind).toBe("scoped");
    expect(priceEstimate(input, rules)).toMatchObject({ kind: "fixed", totalUsd: 40_000 });
    expect(priceEstimate(emptyInput({ counts: { contact: 5_000_001 } }), rules)).toMatchObject({
      kind: "scoped",
      reason: "Migrations over 5,000,000 records are scoped individually.",
    });
  });
});
