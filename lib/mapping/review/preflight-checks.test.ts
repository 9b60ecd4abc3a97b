import { describe, expect, it } from "vitest";
import type { FsField, FsMetadata } from "@/lib/connectors/freshsales/metadata";
import type { FieldMapping } from "@/lib/mapping/schemas";
import type { ApprovedDrafts } from "./approved";
import { pipelineToCreate } from "@/lib/mapping/stage-map";
import { checkPreflight, type ExistingRecords } from "./preflight-checks";
import { DEFAULT_ROUTING } from "./propose";

const field = (name: string, type: FsField["type"], choices: string[] = []): FsField => ({
  id: name, name, label: name, wireType: String(type), type, required: false, custom: name.startsWith("cf_"), unique: false,
  choices: choices.map((value, i) => ({ id: i, value, position: i })),
});

const meta = (contactFields: FsField[]): FsMetadata => ({
  fields: { contact: contactFields, sales_account: [], deal: [] },
  pipelines: [{ id: 1, name: "Sales", isDefault: true, stages: [{ id: 11, name: "New", position: 1, probability: 10, forecastType: "Open" }] }],
  owners: [{ id: 5, name: "Ann", email: "ann@example.com", active: true }, { id: 6, name: "Bob", email: "bob@example.com", active: false }],
  lifecycleStages: [{ id: 1, name: "Lead" }],
  contactStatuses: [],
  currencies: [],
  taskTypes: [{ id: 1, name: "Call" }],
  salesActivityTypes: [],
});

const mapping = (id: string, over: Partial<FieldMapping>): FieldMapping => ({
  id, source: { object: "contact", path: id, label: id, isCustom: true }, entity: "contacts", decision: { kind: "do_not_migrate" },
  confidence: 0.9, reason: "r", status: "accepted", transform: { kind: "none" }, sensitive: false, alternatives: [], proposedBy: "rules", ...over,
});

function approved(mappings: FieldMapping[], owners: Record<string, { destinationOwnerId: number | null; confirmed: boolean }>): ApprovedDrafts {
  return {
    fieldMap: { mappings, handledElsewhere: [] },
    routing: DEFAULT_ROUTING,
    stageMap: { pipelines: [{ sourcePipelineId: "p1", sourcePipelineName: "Sales", destinationPipelineId: 1, destinationPipelineName: "Sales", match: "exact", needsReview: false, stages: [
      { sourceStageId: "s1", sourceStageName: "New", destinationStageId: 11, destinationStageName: "New", match: "exact", needsReview: false, probability: 10, forecastCategory: "pipeline", reason: "" },
      { sourceStageId: "s2", sourceStageName: "Won", destinationStageId: 12, destinationStageName: "Won", match: "exact", needsReview: false, probability: 100, forecastCategory: "closed", reason: "" },
    ] }] },
    owners: {
      report: { rows: Object.keys(owners).map((id) => ({ sourceUserId: id, name: id, email: `${id}@example.com`, ownedRecords: { contact: 3 }, totalOwned: 3, status: "matched" as const, proposedOwnerId: owners[id]!.destinationOwnerId, proposedOwnerEmail: null, reason: "" })), fallbackOwnerId: 5, summary: {} },
      resolution: { fallbackOwnerId: 5, owners },
    },
    versions: { fieldMap: "a", routing: "b", stageMap: "c", owners: "d" },
  };
}

const none: ExistingRecords = { contacts: { matching: 0, examples: [] }, accounts: { matching: 0, examples: [] }, scanned: { contacts: 0, accounts: 0 }, complete: true };
const noDuplicates = { groups: 0, extraContacts: 0, examples: [] };

describe("preflight checks", () => {
  it("passes when every target, choice, stage and owner exists", () => {
    const a = approved([mapping("tier", { decision: { kind: "field", field: "cf_tier" }, transform: { kind: "dropdown", valueMap: { g: "Gold" }, choices: ["Gold"], onUnmapped: "error", unmapped: [], closest: [] } })], { u1: { destinationOwnerId: 5, confirmed: true } });
    const m = meta([field("cf_tier", "dropdown", ["Gold"])]);
    m.pipelines[0]!.stages.push({ id: 12, name: "Won", position: 2, probability: 100, forecastType: "Won" });
    const r = checkPreflight({ approved: a, metadata: m, duplicates: noDuplicates, existing: none });
    expect(r.problems).toEqual([]);
    expect(r.passed).toBe(true);
  });

  it("lists missing choices, a missing stage and an inactive owner; a type clash is a problem, not something to create", () => {
    const a = approved([
      mapping("tier", { decision: { kind: "field", field: "cf_tier" }, transform: { kind: "dropdown", valueMap: { g: "Gold" }, choices: ["Gold"], onUnmapped: "error", unmapped: ["platinum"], closest: [] } }),
      mapping("visits", { decision: { kind: "create_custom_field", spec: { name: "cf_visits", label: "Visits", type: "number" } } }),
      mapping("notes_cf", { entity: "tasks", decision: { kind: "create_custom_field", spec: { name: "cf_x", label: "X", type: "text" } } }),
    ], { u1: { destinationOwnerId: 6, confirmed: true } });
    const r = checkPreflight({ approved: a, metadata: meta([field("cf_tier", "dropdown", ["Silver"]), field("cf_visits", "date")]), duplicates: noDuplicates, existing: none });
    expect(r.passed).toBe(false);
    expect(r.toCreate.choices).toEqual([{ entity: "contacts", field: "cf_tier", label: "cf_tier", values: ["Gold", "platinum"] }]);
    expect(r.toCreate.stages).toEqual([{ pipeline: "Sales", stage: "Won" }]);
    expect(r.toCreate.users).toEqual([expect.objectContaining({ email: "bob@example.com", reason: expect.stringMatching(/deactivated/) })]);
    expect(r.problems).toEqual([
      expect.stringMatching(/field `cf_visits` \(cf_visits\) is date, but contact.visits needs a number field/),
      expect.stringMatching(/tasks take no custom fields/),
    ]);
  });

  it("asks for the upsert key cf_vp_id marked Unique, whether it is missing or there but not unique", () => {
    const idMapping = mapping("id", { source: { object: "contact", path: "id", label: "id", isCustom: false }, decision: { kind: "system", handling: "source_id", field: "cf_vp_id" } as FieldMapping["decision"] });
    const a = approved([idMapping], { u1: { destinationOwnerId: 5, confirmed: true } });
    const missing = checkPreflight({ approved: a, metadata: meta([]), duplicates: noDuplicates, existing: none });
    expect(missing.toCreate.fields).toEqual([expect.objectContaining({ entity: "contacts", name: "cf_vp_id", type: "text", unique: true })]);
    const notUnique = checkPreflight({ approved: a, metadata: meta([field("cf_vp_id", "text")]), duplicates: noDuplicates, existing: none });
    expect(notUnique.passed).toBe(false);
    expect(notUnique.problems).toEqual([expect.stringMatching(/`cf_vp_id` .* is not marked Unique.*upsert of contacts/)]);
    const unique = checkPreflight({ approved: a, metadata: meta([{ ...field("cf_vp_id", "text"), unique: true }]), duplicates: noDuplicates, existing: none });
    expect(unique.problems).toEqual([]);
    expect(unique.toCreate.fields).toEqual([]);
  });

  it("puts a new dropdown field's choices in its spec", () => {
    const a = approved([mapping("tier", { decision: { kind: "create_custom_field", spec: { name: "cf_tier", label: "Tier", type: "dropdown", choices: ["Gold"] } }, transform: { kind: "dropdown", valueMap: { p: "Platinum" }, choices: ["Gold"], onUnmapped: "error", unmapped: [], closest: [] } })], { u1: { destinationOwnerId: 5, confirmed: true } });
    const r = checkPreflight({ approved: a, metadata: meta([]), duplicates: noDuplicates, existing: none });
    expect(r.toCreate.fields).toEqual([{ entity: "contacts", name: "cf_tier", label: "Tier", type: "dropdown", choices: ["Gold", "Platinum"], for: ["contact.tier"] }]);
  });

  it("lists a pipeline to create with its source stages, and asks for a re-proposal once Freshsales has it", () => {
    const a = approved([], {});
    a.stageMap.pipelines.push(pipelineToCreate({ id: "p2", name: "Referrals", stages: [
      { id: "r2", name: "Seen", position: 1, probability: null, is_won: false, is_lost: false },
      { id: "r1", name: "Received", position: 0, probability: null, is_won: false, is_lost: false },
    ] }));
    const m = meta([]);
    m.pipelines[0]!.stages.push({ id: 12, name: "Won", position: 2, probability: 100, forecastType: "Won" });
    const before = checkPreflight({ approved: a, metadata: m, duplicates: noDuplicates, existing: none });
    expect(before.toCreate.pipelines).toEqual([{ name: "Referrals", stages: ["Received", "Seen"] }]);
    expect(before.passed).toBe(false);
    m.pipelines.push({ id: 2, name: "referrals", isDefault: false, stages: [{ id: 21, name: "Received", position: 1, probability: 20, forecastType: "Open" }] });
    const after = checkPreflight({ approved: a, metadata: m, duplicates: noDuplicates, existing: none });
    expect(after.toCreate.pipelines).toEqual([]);
    expect(after.problems).toEqual([expect.stringContaining('Freshsales now has the pipeline "referrals" for Visual Practice pipeline "Referrals": re-propose the map')]);
  });

  it("counts companies sharing a name under the approved policy, and refuses a made-up name a scanned account has", () => {
    const a = approved([], {});
    const companies = [{ id: "co_1", name: "Acme", city: "York" }, { id: "co_2", name: "acme", city: "Leeds" }, { id: "co_3", name: "Acme", city: null }];
    const r = checkPreflight({ approved: a, metadata: meta([]), duplicates: noDuplicates, existing: { ...none, scanned: { contacts: 0, accounts: 40 }, complete: false }, companies, destinationAccountNames: new Set(["acme (leeds)"]) });
    expect(r.accountNames).toMatchObject({ policy: "suffix-city", groups: 1, extraAccounts: 2, renamed: 2, skipped: 0, clashes: [{ sourceId: "co_2", name: "acme (Leeds)" }], checkedAgainst: { accounts: 40, complete: false } });
    expect(r.accountNames?.examples).toEqual([{ name: "Acme", count: 3, sourceIds: ["co_1", "co_2", "co_3"], cities: ["York", "Leeds", null] }]);
    expect(r.problems).toContainEqual(expect.stringContaining('Account name "acme (Leeds)", which policy suffix-city gives co_2, is already a Freshsales account'));
    expect(r.warnings).toContainEqual(expect.stringContaining("checked against the first 40 Freshsales accounts only"));
    const firstWins = checkPreflight({ approved: { ...a, routing: { ...a.routing, accountNames: "first-wins" } }, metadata: meta([]), duplicates: noDuplicates, existing: none, companies, destinationAccountNames: new Set(["acme (leeds)"]) });
    expect(firstWins.accountNames).toMatchObject({ renamed: 0, skipped: 2, clashes: [] });
  });
});
