/**
 * Contacts without a company under the routing "Lead in the Leads module": on Freshsales
 * Classic (the emulator's classic mode, `/api/leads`) they are created as leads, as the dry run
 * says beforehand, and rollback deletes them; on the Suite they stay Contacts at the Lead
 * stage, and plan and ledger say why.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { FRESHSALES_PLAN_LIMITS } from "@/lib/connectors/freshsales/plan-facts";
import { connectionTo, createTenant, setUpDestination, stageDataset, stageFiles } from "@/test/support/migration";
import { comparePlan } from "./dry-run/compare-plan";
import { runDryRun, type PlanSummary } from "./dry-run/dry-run";
import { driveRun } from "./driver";
import { startFullRun } from "./engine";
import { rollbackMigration } from "./rollback";
import { DEFAULT_POLICIES } from "./types";
import { LEADS_MODULE } from "./write-leads";
import { loadApprovedMapping, toApprovedMapping } from "@/lib/mapping/review/approved";
import { saveDrafts } from "@/lib/mapping/review/drafts";
import type { Actor } from "@/lib/server/roles";
import { executeSampleRun } from "@/lib/verification/sample-run";
import { requestSample } from "@/lib/verification/sample-service";
import { sampleView } from "@/lib/verification/sample-view";
import { removeSample } from "@/lib/verification/remove-sample";
import { createRecord } from "@/lib/connectors/freshsales/record-writes";

const DIRTY = { parent_cycle: 0, duplicate_email: 0, exists_in_destination: 0, cross_pipeline_stage: 0, orphan_activity: 0, control_chars: 0, no_company: 0.2 };

interface Dump { leads: { id: number; custom_field: Record<string, unknown> }[]; records: Record<string, { id: number; custom_field: Record<string, unknown> }[]> }

describe.each([["Classic (Leads module)", true], ["the Suite (no Leads module)", false]] as const)("leads routed to the Leads module on %s", (_name, classic) => {
  let s: { fx: Awaited<ReturnType<typeof setUpDestination>>; tenant: Awaited<ReturnType<typeof createTenant>>; conn: ReturnType<typeof connectionTo> };
  let summary: PlanSummary;
  let dryRunId: string;

  beforeAll(async () => {
    const fx = await setUpDestination({ seed: 41, total: 300, dirtyRates: DIRTY }, { classic });
    const tenant = await createTenant(db());
    await stageDataset(db(), tenant.migrationId, fx.ds);
    const files = await stageFiles(fx.ds, tenant.migrationId);
    const conn = connectionTo(fx.emulator);
    s = { fx, tenant, conn };
    const mapping = { ...fx.mapping, routing: { ...fx.mapping.routing, contact: { ...fx.mapping.routing.contact, withoutCompany: "leads_module" as const } } };
    ({ dryRunId, summary } = await runDryRun({ db: db(), organizationId: tenant.organizationId, migrationId: tenant.migrationId, actorId: tenant.userId, conn, mapping, destination: fx.destination, policies: DEFAULT_POLICIES, files, limits: FRESHSALES_PLAN_LIMITS.growth }));
    const { runId } = await startFullRun(db(), { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: { id: tenant.userId, email: "a@x" }, mapping, destination: fx.destination });
    await db().run.update({ where: { id: runId }, data: { dryRunId } });
    await driveRun(() => ({ db: db(), conn, files, bulkPollMs: 10 }), runId, { workers: 2, onError: (e) => console.error(e) });
  }, 240_000);
  afterAll(async () => {
    s?.conn.close();
    await s?.fx.emulator.close();
  });

  it("the dry run says where the leads go and why, and the run does exactly that", async () => {
    expect(s.fx.destination.leadsModule).toBe(classic);
    expect(summary.leads!.target).toBe(classic ? "leads_module" : "contact_lifecycle_lead");
    expect(summary.leads!.why).toContain(classic ? "has one (Classic)" : "has none (the Suite)");
    expect(summary.leads!.count).toBeGreaterThan(5);
    const comparison = await comparePlan(db(), s.tenant.migrationId, dryRunId);
    expect(comparison.differences).toEqual([]);
    const rows = await db().ledgerEntry.findMany({ where: { migrationId: s.tenant.migrationId, objectType: "contacts", state: "written" } });
    const leads = rows.filter((r) => r.target === LEADS_MODULE);
    const dump = s.fx.emulator.admin.dump() as Dump;
    if (classic) {
      expect(leads.length).toBe(summary.leads!.count);
      expect(dump.leads.map((l) => l.custom_field.cf_vp_id).sort()).toEqual(leads.map((l) => l.sourceId).sort());
      expect(new Set(dump.leads.map((l) => String(l.id)))).toEqual(new Set(leads.map((l) => l.destId)));
      // Not also written as contacts.
      const asContacts = new Set(dump.records.contacts!.map((c) => c.custom_field.cf_vp_id));
      expect(leads.filter((l) => asContacts.has(l.sourceId))).toEqual([]);
    } else {
      expect(leads).toEqual([]);
      const staged = rows.filter((r) => r.target === "leads");
      expect(staged.length).toBe(summary.leads!.count);
      expect(staged.every((r) => r.reason?.includes("no Leads module in this Freshsales account"))).toBe(true);
    }
  });

  it("rollback deletes the leads it created", async () => {
    await rollbackMigration(db(), s.conn, { organizationId: s.tenant.organizationId, migrationId: s.tenant.migrationId, actor: { id: s.tenant.userId, email: "a@x" } });
    const dump = s.fx.emulator.admin.dump() as Dump;
    expect(dump.leads).toEqual([]);
    expect(dump.records.contacts!.filter((c) => c.custom_field.cf_vp_id)).toEqual([]);
  }, 120_000);
});

describe("the sample on Classic with leads routed to the Leads module, and an account already there", () => {
  let fx: Awaited<ReturnType<typeof setUpDestination>>;
  let conn: ReturnType<typeof connectionTo>;
  afterAll(async () => {
    conn?.close();
    await fx?.emulator.close();
  });

  it("says where contacts without a company go, and why", async () => {
    fx = await setUpDestination({ seed: 43, total: 400, dirtyRates: DIRTY }, { classic: true });
    const tenant = await createTenant(db());
    await stageDataset(db(), tenant.migrationId, fx.ds);
    conn = connectionTo(fx.emulator);
    const admin: Actor = { id: tenant.userId, email: (await db().user.findUniqueOrThrow({ where: { id: tenant.userId } })).email, role: "ADMIN", organizationId: tenant.organizationId };
    const by = { at: new Date().toISOString(), by: admin.email };
    await db().migration.update({ where: { id: tenant.migrationId }, data: { gates: { connect: by, inventory: by, map: by, preflight: by, "dry-run": by } } });
    const rules = { ...fx.mapping.routing, contact: { ...fx.mapping.routing.contact, withoutCompany: "leads_module" as const } };
    await saveDrafts(db(), { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: admin, action: "proposed" }, {
      fieldMap: { mappings: fx.mapping.fieldMap, handledElsewhere: [] },
      routing: { rules, existingRecords: "update", existingAccounts: "update", changeExistingOwner: false, duplicateEmails: "first_wins", accountNames: "suffix-city" },
      stageMap: fx.mapping.stageMap,
      owners: { report: { rows: [], fallbackOwnerId: fx.mapping.owners.fallbackOwnerId, summary: {} }, resolution: fx.mapping.owners },
    });
    for (const d of await db().mappingDraft.findMany({ where: { migrationId: tenant.migrationId } })) {
      await db().approval.create({ data: { migrationId: tenant.migrationId, kind: d.kind, versionHash: d.versionHash, approvedById: admin.id, approvedBy: admin.email } });
    }
    const { runId } = await requestSample(db(), admin, tenant.migrationId, 150);
    // An account already in Freshsales under the name of a company of the slice: the sample
    // updates it (default policy), and removing the sample must give it back, not delete it.
    const slice = ((await db().run.findUniqueOrThrow({ where: { id: runId } })).settings as { slice: { companies: string[] } }).slice;
    const company = await db().stagedRecord.findFirstOrThrow({ where: { migrationId: tenant.migrationId, collection: "companies", sourceId: { in: slice.companies } }, orderBy: { sourceId: "asc" } });
    const planted = await createRecord(conn, "sales_account", { name: String((company.data as { name: string }).name).trim(), city: "Planted City" });
    const plantedBefore = (fx.emulator.admin.dump() as Dump).records.sales_accounts!.find((a) => a.id === planted.id);
    const approved = await loadApprovedMapping(db(), tenant.organizationId, tenant.migrationId);
    await executeSampleRun({ db: db(), conn, files: await stageFiles(fx.ds, tenant.migrationId), mapping: toApprovedMapping(approved) }, runId);
    const updated = await db().ledgerEntry.findFirstOrThrow({ where: { migrationId: tenant.migrationId, objectType: "companies", sourceId: company.sourceId } });
    expect(updated).toMatchObject({ state: "written", action: "updated", destId: String(planted.id) });
    const view = await sampleView(db(), tenant.organizationId, tenant.migrationId, { object: "contacts" });
    expect(view.leads).toEqual({ target: "leads_module", why: expect.stringContaining("has one (Classic)") });
    // The slice is connected through companies, so it holds no contact without one: the page
    // still says where those will go in the full run.
    expect(await db().ledgerEntry.count({ where: { migrationId: tenant.migrationId, objectType: "contacts", state: "written" } })).toBeGreaterThan(0);
    await removeSample(db(), conn, tenant.migrationId);
    const strip = (r: unknown) => ({ ...(r as { data: object }), data: { ...(r as { data: object }).data, updated_at: undefined } });
    expect(strip((fx.emulator.admin.dump() as Dump).records.sales_accounts!.find((a) => a.id === planted.id))).toEqual(strip(plantedBefore));
  }, 240_000);
});
