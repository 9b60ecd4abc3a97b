import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customFieldsToCreate } from "@/lib/mapping/propose-field-map";
import { applyTransform } from "@/lib/mapping/transforms/apply-transform";
import { parseGateRecords } from "@/lib/gates/gates";
import { db } from "@/lib/server/db";
import { GateLockedError } from "@/lib/gates/gate-service";
import { approveEverything } from "../../../test/support/approve-all";
import { loadApprovedMapping } from "./approved";
import { fsEntityOf } from "./destination-schema";
import { latestPreflight, runPreflight } from "./preflight";
import { WIRE_FIELD_TYPE } from "./preflight-checks";
import { CLOCK_SCALE, createReviewFixture, type ReviewFixture } from "../../../test/support/review";
import { SELECTOR_OF } from "../../../test/support/selectors";
import { ensureProposed } from "./review-service";

process.env.SANDBOX_CLOCK_SCALE = String(CLOCK_SCALE);

let fx: ReviewFixture;

beforeAll(async () => {
  fx = await createReviewFixture("preflight", 300, { duplicate_email: 0.06, exists_in_destination: 0.04 });
  await ensureProposed(db(), fx.admin, fx.migrationId);
});
afterAll(async () => {
  await fx?.close();
});

const preflightGate = async () => parseGateRecords((await db().migration.findUniqueOrThrow({ where: { id: fx.migrationId } })).gates).preflight;

describe("preflight against the Freshsales emulator", () => {
  it("is locked until the map is approved", async () => {
    await expect(runPreflight(db(), fx.admin, fx.migrationId)).rejects.toBeInstanceOf(GateLockedError);
  });

  it("fails listing exactly what the Freshsales admin must create, then passes once it exists", async () => {
    await approveEverything(fx.admin, fx.migrationId);
    const approved = await loadApprovedMapping(db(), fx.organizationId, fx.migrationId);
    // The destination setup has every clean user; deactivating one that owns records makes it an owner to reactivate.
    const matched = approved.owners.report.rows.find((r) => r.status === "matched" && r.totalOwned > 0 && String(r.proposedOwnerId) !== String(approved.owners.resolution.fallbackOwnerId))!;
    fx.emulator.admin.addUser({ email: matched.proposedOwnerEmail!, is_active: false });

    const failed = await runPreflight(db(), fx.admin, fx.migrationId);
    expect(failed.passed).toBe(false);
    // Independently of the preflight: the engine's own creation spec for the entities whose fields can be read.
    const spec = customFieldsToCreate(approved.fieldMap.mappings);
    const expected = Object.entries(spec)
      .filter(([entity]) => fsEntityOf(entity as never) !== undefined)
      .flatMap(([entity, list]) => (list ?? []).map((f) => `${entity}.${f.name}:${f.type}`))
      .sort();
    expect(expected.length).toBeGreaterThan(3);
    expect(failed.toCreate.fields.map((f) => `${f.entity}.${f.name}:${f.type}`).sort()).toEqual(expected);
    const dropdown = failed.toCreate.fields.find((f) => f.type === "dropdown");
    expect(dropdown?.choices?.length).toBeGreaterThan(0);
    expect(failed.toCreate.users).toEqual([expect.objectContaining({ email: matched.proposedOwnerEmail, reason: expect.stringMatching(/deactivated/) })]);
    expect(failed.toCreate.pipelines).toEqual([]);
    expect(failed.toCreate.stages).toEqual([]);
    expect(failed.problems).toEqual([]);
    expect(failed.toCreate.choices.map((c) => c.field)).toContain("lifecycle_stage_id");
    // Each planted duplicate repeats the email of a clean contact: one extra contact per duplicate.
    const planted = fx.dataset.indicesWithCase("contacts", "duplicate_email").length;
    expect(planted).toBeGreaterThan(0);
    expect(failed.duplicates.extraContacts).toBe(planted);
    const existing = fx.dataset.indicesWithCase("contacts", "exists_in_destination").length;
    expect(existing).toBeGreaterThan(0);
    expect(failed.existing.contacts.matching).toBe(existing);
    expect(await preflightGate()).toBeUndefined();
    expect((await latestPreflight(db(), fx.organizationId, fx.migrationId))?.passed).toBe(false);

    // The Freshsales admin creates what the list says.
    for (const f of failed.toCreate.fields) {
      const entity = f.entity === "leads" ? "contacts" : (f.entity as "contacts" | "sales_accounts" | "deals");
      fx.emulator.admin.addField({ entity, label: f.label, name: f.name, type: WIRE_FIELD_TYPE[f.type], ...(f.choices ? { choices: f.choices } : {}), ...(f.unique ? { unique: true } : {}) });
    }
    for (const c of failed.toCreate.choices) {
      // Built-in picklists take their values from the account's selectors (lifecycle stages, industry types...).
      const selector = SELECTOR_OF[c.field];
      if (selector) fx.emulator.admin.load({ selectors: { [selector]: c.values } });
      else fx.emulator.admin.addChoices({ entity: c.entity as "contacts", field: c.field, values: c.values });
    }
    fx.emulator.admin.addUser({ email: matched.proposedOwnerEmail!, is_active: true });

    const passed = await runPreflight(db(), fx.admin, fx.migrationId);
    expect(passed.toCreate).toEqual({ fields: [], choices: [], pipelines: [], stages: [], users: [] });
    expect(passed.passed).toBe(true);
    expect(passed.counts.fieldsChecked).toBeGreaterThan(expected.length);
    expect(await preflightGate()).toBeDefined();

    // The engine reads the approved map with the choices Freshsales has now (the snapshot this
    // preflight took): a value listed as having no choice yet is written once the choice exists.
    const after = await loadApprovedMapping(db(), fx.organizationId, fx.migrationId);
    expect(after.versions).toEqual(approved.versions);
    let checked = 0;
    for (const c of failed.toCreate.choices) {
      for (const m of after.fieldMap.mappings) {
        if (m.status === "rejected" || m.entity !== c.entity || m.decision.kind !== "field" || m.decision.field !== c.field || m.transform.kind !== "dropdown") continue;
        const proposedWith = approved.fieldMap.mappings.find((a) => a.id === m.id)!.transform as { choices: string[] };
        const added = c.values.filter((v) => !proposedWith.choices.includes(v));
        expect(added.length).toBeGreaterThan(0);
        expect(m.transform.choices).toEqual(expect.arrayContaining(c.values));
        for (const v of m.transform.unmapped ?? []) expect(applyTransform(m.transform, v, { field: c.field })).toMatchObject({ ok: true, value: v });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("lists a pipeline that no longer exists with its stages", async () => {
    const approved = await loadApprovedMapping(db(), fx.organizationId, fx.migrationId);
    const { checkPreflight } = await import("./preflight-checks");
    const { discoverMetadata } = await import("@/lib/connectors/freshsales/metadata");
    const { openFreshsales } = await import("./destination-client");
    const conn = await openFreshsales(db(), fx.organizationId, fx.migrationId);
    const metadata = await discoverMetadata(conn);
    conn.close();
    const gone = approved.stageMap.pipelines[0]!;
    const result = checkPreflight({
      approved,
      metadata: { ...metadata, pipelines: metadata.pipelines.filter((p) => String(p.id) !== String(gone.destinationPipelineId)) },
      duplicates: { groups: 0, extraContacts: 0, examples: [] },
      existing: { contacts: { matching: 0, examples: [] }, accounts: { matching: 0, examples: [] }, scanned: { contacts: 0, accounts: 0 }, complete: true },
    });
    expect(result.passed).toBe(false);
    expect(result.toCreate.pipelines).toEqual([{ name: gone.destinationPipelineName, stages: gone.stages.map((s) => s.destinationStageName) }]);
  });
});
