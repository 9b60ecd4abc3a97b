import { describe, expect, it } from "vitest";
import { gradeComplexity } from "./complexity-grade";
import { DEFAULT_INPUT, type EstimateInput } from "./estimate-input";
import { getPairMapping } from "./pairs/pair-mapping";
import { emptyInput } from "./test-inputs";

// Scores worked by hand: objects (0 mapped → 1, ≤2 → 2, ≤4 → 3, any unsupported → 4);
// fields (curated 1 / typical 2, +1 if a side infers types); API (1 + undocumented sides +
// 1 under 2,000 calls/hour); volume (≤100k 1, ≤500k 2, ≤2M 3, else 4, +1 without bulk, max 4).
// Grade: sum ≤6 A, ≤9 B, ≤12 C, else D.
interface Case {
  name: string;
  input: EstimateInput;
  scores: [objects: number, fields: number, api: number, volume: number];
  grade: string;
  objectsReason: string;
}

const vpToFs = DEFAULT_INPUT;
const cases: Case[] = [
  {
    name: "the product page: Visual Practice → Freshsales Growth is B Standard",
    input: vpToFs,
    scores: [2, 2, 3, 2],
    grade: "B Standard",
    objectsReason: "2 of 8 objects need a mapping; the rest are 1:1.",
  },
  {
    name: "Freshsales Enterprise lifts the rate-limit point",
    input: { ...vpToFs, plan: "enterprise" },
    scores: [2, 2, 2, 2],
    grade: "B Standard",
    objectsReason: "2 of 8 objects need a mapping; the rest are 1:1.",
  },
  {
    name: "150,000 records move Visual Practice → Freshsales to C",
    input: emptyInput({ counts: { contact: 150_000 } }),
    scores: [2, 2, 3, 3],
    grade: "C Complex",
    objectsReason: "2 of 8 objects need a mapping; the rest are 1:1.",
  },
  {
    name: "Salesforce → Pipedrive, all objects 1:1, is A Simple",
    input: { ...vpToFs, source: "salesforce", destination: "pipedrive", plan: "essential" },
    scores: [1, 2, 1, 2],
    grade: "A Simple",
    objectsReason: "All 8 objects map 1:1.",
  },
  {
    name: "HubSpot → Salesforce with bulk on both sides is A Simple",
    input: { ...vpToFs, source: "hubspot", destination: "salesforce", plan: "enterprise" },
    scores: [2, 2, 1, 1],
    grade: "A Simple",
    objectsReason: "2 of 8 objects need a mapping; the rest are 1:1.",
  },
  {
    name: "Visual Practice → Monday CRM Pro is C Complex (416 calls/hour)",
    input: { ...vpToFs, destination: "monday-crm", plan: "pro" },
    scores: [2, 3, 3, 2],
    grade: "C Complex",
    objectsReason: "1 of 8 objects needs a mapping; the rest are 1:1.",
  },
  {
    name: "Visual Practice → Copper at 2,000,001 records is D Advanced",
    input: emptyInput({ destination: "copper", plan: "standard", counts: { contact: 2_000_001 } }),
    scores: [4, 3, 2, 4],
    grade: "D Advanced",
    objectsReason: "1 of 8 objects has no Copper equivalent (product); 2 of 8 objects need a mapping.",
  },
];

describe("gradeComplexity", () => {
  it.each(cases)("$name", ({ input, scores, grade, objectsReason }) => {
    const result = gradeComplexity(input, getPairMapping(input.source, input.destination), [2, 7]);
    expect(result.factors.map((f) => f.score)).toEqual(scores);
    expect(`${result.letter} ${result.label}`).toBe(grade);
    expect(result.factors[0]?.reason).toBe(objectsReason);
  });

  it("words every factor the way the product page does for Visual Practice → Freshsales", () => {
    const result = gradeComplexity(vpToFs, getPairMapping("visual-practice", "freshsales"), [2, 7]);
    expect(result.summary).toBe("Standard CRM migration. 2 of 8 objects need a mapping; the rest are 1:1.");
    expect(result.factors.map((f) => [f.title, f.reason])).toEqual([
      ["Object compatibility", "2 of 8 objects need a mapping; the rest are 1:1."],
      ["Field mapping clarity", "Field mapping is derived from defaults — final spec confirmed during the sample migration."],
      [
        "API constraints",
        "Visual Practice: Not publicly documented. Freshsales Growth: 1,000 calls/hour — the load is bound by the rate limit.",
      ],
      [
        "Data volume sensitivity",
        "Visual Practice doesn't expose a bulk API — REST + parallelization used for high-volume runs. 20,562 records — light volume (up to 100,000).",
      ],
    ]);
    expect(result.timelineContext).toBe("8-object category — typical timelines run 2–7 days end-to-end.");
  });

  it("names a destination without bulk API and a volume beyond the bands", () => {
    const input = emptyInput({ source: "salesforce", destination: "pipedrive", plan: "essential", counts: { contact: 3_000_000 } });
    const volume = gradeComplexity(input, getPairMapping("salesforce", "pipedrive"), [2, 7]).factors[3];
    expect(volume?.reason).toBe(
      "Pipedrive doesn't expose a bulk API — every record is written with its own call. 3,000,000 records — very large volume (over 2,000,000).",
    );
    expect(volume?.score).toBe(4);
  });
});
