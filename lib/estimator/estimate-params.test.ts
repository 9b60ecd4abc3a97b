import { describe, expect, it } from "vitest";
import { DEFAULT_INPUT, serialiseEstimateParams } from "./estimate-input";
import { listPlatforms } from "./catalogue/platform-catalogue";
import { estimateHrefFromInventory, inputFromInventoryCounts, parseEstimateParams } from "./estimate-params";

describe("parseEstimateParams", () => {
  it("gives the default estimate for an empty URL", () => {
    expect(parseEstimateParams({})).toEqual(DEFAULT_INPUT);
  });

  it("round-trips through the URL", () => {
    const input = {
      category: "crm",
      source: "hubspot",
      destination: "salesforce",
      plan: "unlimited",
      counts: { contact: 1, company: 2, deal: 3, pipeline: 4, activity: 5, user: 6, product: 7 },
      attachments: 8,
      attachmentGb: 9.25,
      deltaHours: 36,
    };
    const url = serialiseEstimateParams(input).toString();
    expect(url).toBe(
      "category=crm&source=hubspot&destination=salesforce&plan=unlimited&contacts=1&companies=2&deals=3&pipelines=4&activities=5&users=6&products=7&attachments=8&attachmentGb=9.25&delta=36",
    );
    expect(parseEstimateParams(new URLSearchParams(url))).toEqual(input);
  });

  const cases: [name: string, params: Record<string, string | string[]>, expected: Partial<typeof DEFAULT_INPUT>][] = [
    ["negative count clamps to 0", { contacts: "-5" }, { counts: { ...DEFAULT_INPUT.counts, contact: 0 } }],
    ["huge count clamps to 50,000,000", { contacts: "99999999999" }, { counts: { ...DEFAULT_INPUT.counts, contact: 50_000_000 } }],
    ["text count falls back to the default", { contacts: "lots" }, { counts: { ...DEFAULT_INPUT.counts, contact: 10_000 } }],
    ["fractional count rounds down", { deals: "12.9" }, { counts: { ...DEFAULT_INPUT.counts, deal: 12 } }],
    ["repeated parameter takes the first", { deals: ["7", "9"] }, { counts: { ...DEFAULT_INPUT.counts, deal: 7 } }],
    ["delta over 7 days clamps to 168", { delta: "500" }, { deltaHours: 168 }],
    ["file size keeps two decimals", { attachmentGb: "2.567" }, { attachmentGb: 2.56 }],
    ["unknown source falls back to Visual Practice", { source: "acme-crm" }, { source: "visual-practice" }],
    ["source-only platform cannot be the destination", { destination: "visual-practice" }, { destination: "freshsales" }],
    [
      "destination equal to the source is replaced",
      { source: "freshsales", destination: "freshsales" },
      { source: "freshsales", destination: "salesforce", plan: "enterprise" },
    ],
    ["a plan from another platform becomes the default plan", { destination: "hubspot", plan: "growth" }, { plan: "professional" }],
    ["an unknown category falls back to CRM", { category: "helpdesk" }, { category: "crm" }],
  ];
  it.each(cases)("%s", (_name, params, expected) => {
    expect(parseEstimateParams(params)).toMatchObject(expected);
  });
});

describe("inputFromInventoryCounts", () => {
  it("adds up the inventory's collections and reports unknown keys", () => {
    const { input, ignored } = inputFromInventoryCounts(
      { contacts: 12_000, leads: 300, companies: 900, tasks: 5_000, notes: 2_000, Meetings: 40, files: 40, widgets: 3 },
      { attachmentGb: 1.5, plan: "pro" },
    );
    expect(input.counts).toEqual({ contact: 12_300, company: 900, deal: 0, pipeline: 0, activity: 7_040, user: 0, product: 0 });
    expect(input.attachments).toBe(40);
    expect(input.attachmentGb).toBe(1.5);
    expect(input.plan).toBe("pro");
    expect(ignored).toEqual(["widgets"]);
  });

  it("clamps the file size and delta window a caller passes in", () => {
    const { input } = inputFromInventoryCounts({ contacts: 1 }, { attachmentGb: -3, deltaHours: 1_000 });
    expect(input).toMatchObject({ attachmentGb: 0, deltaHours: 168 });
  });

  it("links to the estimator with the inventory's counts", () => {
    expect(estimateHrefFromInventory({ contacts: 120, deals: 30, attachments: 4 }, { attachmentGb: 0.5, plan: "enterprise" })).toBe(
      "/estimate?category=crm&source=visual-practice&destination=freshsales&plan=enterprise&contacts=120&companies=0&deals=30&pipelines=0&activities=0&users=0&products=0&attachments=4&attachmentGb=0.5&delta=24",
    );
  });

  it("treats negative and non-finite counts as zero", () => {
    const { input } = inputFromInventoryCounts({ contacts: -4, deals: Number.NaN, users: 3.7 });
    expect(input.counts).toMatchObject({ contact: 0, deal: 0, user: 3 });
  });
});

describe("every catalogue pair survives the URL", () => {
  const platforms = listPlatforms("crm");
  const pairs = platforms.flatMap((s) =>
    platforms.filter((d) => d.id !== s.id && d.roles.includes("destination")).flatMap((d) => d.plans.map((p) => [s.id, d.id, p.id])),
  );
  it.each(pairs)("%s → %s on %s", (source, destination, plan) => {
    const parsed = parseEstimateParams({ source, destination, plan });
    expect([parsed.source, parsed.destination, parsed.plan]).toEqual([source, destination, plan]);
    expect(parseEstimateParams(serialiseEstimateParams(parsed))).toEqual(parsed);
  });
});
