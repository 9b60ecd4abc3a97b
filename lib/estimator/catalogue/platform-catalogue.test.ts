import { describe, expect, it } from "vitest";
import { getPlatform, listPlatforms, loadCatalogue } from "./platform-catalogue";
import type { PlatformData } from "./platform-schema";
import { effectiveHourlyLimit } from "../rate-limits";

const crm = { id: "crm", name: "CRM", objects: ["contact"], typicalDays: [2, 7] };
const minimal: PlatformData = {
  id: "acme",
  name: "Acme",
  categories: ["crm"],
  objects: [{ id: "contact", name: "Contact", categoryObject: "contact", write: "per-record" }],
  api: { documented: true, bulkApi: false, batchSize: 1, pageSize: 100, typedFieldMetadata: true },
  plans: [{ id: "basic", name: "Basic", rateLimit: { perHour: 100 } }],
  defaultPlan: "basic",
  notes: [],
};

describe("CRM catalogue", () => {
  it("lists Visual Practice and Freshsales first, then the other CRMs", () => {
    expect(listPlatforms("crm").map((p) => p.name)).toEqual([
      "Visual Practice",
      "Freshsales",
      "Salesforce",
      "HubSpot",
      "Dynamics 365 Sales",
      "Zoho CRM",
      "Pipedrive",
      "Copper",
      "Insightly",
      "Monday CRM",
      "Close",
      "Keap",
    ]);
  });

  it("carries Freshsales' documented limits per plan (calls/hour, storage GB per user)", () => {
    const plans = getPlatform("freshsales")?.plans.map((p) => [p.id, p.rateLimit.perHour, p.rateLimit.perMinute, p.storageGbPerUser]);
    // §3: 400 a minute "on every paid tier"; the free plan has only its hourly limit.
    expect(plans).toEqual([
      ["free", 1000, undefined, 0],
      ["growth", 1000, 400, 2],
      ["pro", 2000, 400, 5],
      ["enterprise", 5000, 400, 100],
    ]);
    expect(getPlatform("freshsales")?.api).toMatchObject({ bulkApi: true, batchSize: 100, documented: true });
  });

  it("records Visual Practice as an undocumented, source-only API without bulk", () => {
    expect(getPlatform("visual-practice")).toMatchObject({
      roles: ["source"],
      api: { documented: false, bulkApi: false, typedFieldMetadata: false },
    });
  });

  it.each([
    [{ perHour: 1000, perMinute: 400 }, 1000],
    [{ perSecond: 20 }, 72_000],
    [{ perDay: 100_000 }, 100_000 / 24],
    [{ perSecond: 10, perMinute: 240, perDay: 30_000 }, 1250],
  ])("sustained hourly limit of %o is %d", (limit, hourly) => {
    expect(effectiveHourlyLimit(limit)).toBeCloseTo(hourly, 6);
  });
});

describe("loadCatalogue validation", () => {
  it("accepts a minimal platform", () => {
    expect(loadCatalogue([minimal], [crm]).platforms[0]?.roles).toEqual(["source", "destination"]);
  });

  it.each([
    ["a bulk object without a bulk API", { ...minimal, objects: [{ ...minimal.objects[0], write: "bulk" }] }, /no bulk API/],
    ["a default plan it does not have", { ...minimal, defaultPlan: "gold" }, /defaultPlan gold/],
    ["a plan without any limit", { ...minimal, plans: [{ id: "basic", name: "Basic", rateLimit: {} }] }, /at least one limit/],
    ["a negative limit", { ...minimal, plans: [{ id: "basic", name: "Basic", rateLimit: { perHour: -1 } }] }, /perHour/],
    ["an unknown category", { ...minimal, categories: ["erp"] }, /unknown category erp/],
  ])("rejects %s", (_name, platform, message) => {
    expect(() => loadCatalogue([platform], [crm])).toThrow(message);
  });

  it("rejects two platforms with one id", () => {
    expect(() => loadCatalogue([minimal, minimal], [crm])).toThrow("duplicate platform id acme");
  });
});
