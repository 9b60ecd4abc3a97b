/**
 * Every duplicate policy on generated data with planted duplicate emails, destination contacts
 * holding source emails and destination accounts holding source company names: the dry run's
 * plan, the full run's ledger, the destination, and the rollback agree record by record.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createRecord } from "@/lib/connectors/freshsales/record-writes";
import { FRESHSALES_PLAN_LIMITS } from "@/lib/connectors/freshsales/plan-facts";
import type { DuplicateEmailPolicy, ExistingRecordPolicy } from "@/lib/mapping/record-policies";
import { connectionTo, createTenant, setUpDestination, stageDataset, stageFiles } from "@/test/support/migration";
import { comparePlan } from "./dry-run/compare-plan";
import { runDryRun, type PlanSummary } from "./dry-run/dry-run";
import { policyEffects } from "./dry-run/policy-effects";
import { driveRun } from "./driver";
import { startFullRun } from "./engine";
import { rollbackMigration } from "./rollback";
import type { RunPolicies } from "./types";

const DIRTY = { parent_cycle: 0, duplicate_email: 0.08, exists_in_destination: 0.05, cross_pipeline_stage: 0, orphan_activity: 0.02, control_chars: 0 };

interface DumpRecord { id: number; data: Record<string, unknown>; custom_field: Record<string, unknown> }
interface Dump { records: Record<string, DumpRecord[]>; activities: Record<string, DumpRecord[]> }

type Case = [DuplicateEmailPolicy, ExistingRecordPolicy, ExistingRecordPolicy];
const CASES: Case[] = [
  ["merge", "update", "update"],
  ["keep_apart", "fill_empty", "fill_empty"],
  ["first_wins", "skip", "skip"],
];

const emailOf = (r: DumpRecord): string => String((Array.isArray(r.data.emails) ? r.data.emails[0] : r.data.emails) ?? "").toLowerCase();

describe.each(CASES)("duplicate emails %s, existing contacts %s, existing accounts %s", (duplicateEmails, existingRecord, existingAccount) => {
  const policies: RunPolicies = { existingRecord, existingAccount, changeOwner: false };
  let s: Awaited<ReturnType<typeof setUp>>;
  let before: Dump;
  let dryRunId: string;
  let summary: PlanSummary;

  async function setUp() {
    const fx = await setUpDestination({ seed: 31, total: 400, dirtyRates: DIRTY });
    const tenant = await createTenant(db());
    await stageDataset(db(), tenant.migrationId, fx.ds);
    const files = await stageFiles(fx.ds, tenant.migrationId);
    const conn = connectionTo(fx.emulator);
    return { fx, tenant, conn, files, mapping: { ...fx.mapping, duplicateEmails } };
  }

  /** Source companies whose name no other source company has, the first four: planted as existing accounts. */
  async function plantAccounts(): Promise<string[]> {
    const companies = await db().stagedRecord.findMany({ where: { migrationId: s.tenant.migrationId, collection: "companies", deleted: false }, orderBy: { sourceId: "asc" } });
    const count = new Map<string, number>();
    for (const c of companies) count.set(String((c.data as { name?: string }).name).trim().toLowerCase(), (count.get(String((c.data as { name?: string }).name).trim().toLowerCase()) ?? 0) + 1);
    const picked = companies.filter((c) => count.get(String((c.data as { name?: string }).name).trim().toLowerCase()) === 1).slice(0, 4);
    for (const c of picked) await createRecord(s.conn, "sales_account", { name: String((c.data as { name: string }).name).trim(), city: "Planted City" });
    return picked.map((c) => c.sourceId);
  }

  /**
   * The generator links nothing to a duplicate contact: four activities and a deal are pointed
   * at later duplicates (the deal at a duplicate and its first), so merge has links to move.
   */
  let linkedDeal = "";
  let linkedDupe = "";
  async function linkToDuplicates(): Promise<void> {
    const m = s.tenant.migrationId;
    const dupes = Array.from(s.fx.ds.indicesWithCase("contacts", "duplicate_email"), (i) => String(s.fx.ds.record("contacts", i).id));
    const activities = await db().stagedRecord.findMany({ where: { migrationId: m, collection: "activities", deleted: false }, orderBy: { sourceId: "asc" }, take: 4 });
    for (const [i, a] of activities.entries()) {
      const data = { ...(a.data as Record<string, unknown>), contact_id: dupes[i % dupes.length], deal_id: null, attendees: [] };
      await db().stagedRecord.update({ where: { migrationId_collection_sourceId: { migrationId: m, collection: "activities", sourceId: a.sourceId } }, data: { data: data as object } });
    }
    const deal = await db().stagedRecord.findFirstOrThrow({ where: { migrationId: m, collection: "deals", deleted: false }, orderBy: { sourceId: "asc" } });
    const dupe = dupes[0]!;
    linkedDeal = deal.sourceId;
    linkedDupe = dupe;
    const first = /duplicate email of (\S+)/.exec(await manifestReason(dupe))![1]!;
    await db().stagedRecord.update({ where: { migrationId_collection_sourceId: { migrationId: m, collection: "deals", sourceId: deal.sourceId } }, data: { data: { ...(deal.data as object), contact_ids: [first, dupe] } } });
  }

  async function manifestReason(dupe: string): Promise<string> {
    const staged = await db().stagedRecord.findMany({ where: { migrationId: s.tenant.migrationId, collection: "contacts", deleted: false }, orderBy: { sourceId: "asc" } });
    const email = String((staged.find((c) => c.sourceId === dupe)!.data as { email: string }).email).toLowerCase();
    return `duplicate email of ${staged.find((c) => String((c.data as { email?: string }).email ?? "").toLowerCase() === email)!.sourceId}`;
  }

  let plantedAccounts: string[];
  beforeAll(async () => {
    s = await setUp();
    await linkToDuplicates();
    plantedAccounts = await plantAccounts();
    before = s.fx.emulator.admin.dump() as Dump;
    ({ dryRunId, summary } = await runDryRun({ db: db(), organizationId: s.tenant.organizationId, migrationId: s.tenant.migrationId, actorId: s.tenant.userId, conn: s.conn, mapping: s.mapping, destination: s.fx.destination, policies, files: s.files, limits: FRESHSALES_PLAN_LIMITS.growth }));
    const { runId } = await startFullRun(db(), { organizationId: s.tenant.organizationId, migrationId: s.tenant.migrationId, actor: { id: s.tenant.userId, email: "a@x" }, mapping: s.mapping, destination: s.fx.destination, policies });
    await db().run.update({ where: { id: runId }, data: { dryRunId } });
    await driveRun(() => ({ db: db(), conn: s.conn, files: s.files, bulkPollMs: 10 }), runId, { workers: 2, onError: (e) => console.error(e) });
  }, 240_000);
  afterAll(async () => {
    s?.conn.close();
    await s?.fx.emulator.close();
  });

  const ledger = () => db().ledgerEntry.findMany({ where: { migrationId: s.tenant.migrationId } });

  it("plan and run agree on every record, and the plan's policy counts and lists are the ledger's", async () => {
    const comparison = await comparePlan(db(), s.tenant.migrationId, dryRunId);
    expect(comparison.differences).toEqual([]);
    expect(comparison.agreeing).toBe(await db().ledgerEntry.count({ where: { migrationId: s.tenant.migrationId } }));
    const planned = summary.policies!;
    const fromLedger = policyEffects((await ledger()).map((r) => ({ objectType: r.objectType, sourceId: r.sourceId, outcome: "created" as const, reason: r.reason, flags: [] })));
    expect(planned.length).toBeGreaterThanOrEqual(3);
    expect(planned).toEqual(fromLedger);
  });

  it("applies the duplicate-email policy to every planted duplicate", async () => {
    const rows = await ledger();
    const dupes = rows.filter((r) => r.objectType === "contacts" && r.reason?.startsWith("duplicate email of"));
    expect(dupes.length).toBeGreaterThan(3);
    const dump = s.fx.emulator.admin.dump() as Dump;
    const contactById = new Map(dump.records.contacts!.map((c) => [String(c.id), c]));
    const bySource = new Map(rows.map((r) => [`${r.objectType}/${r.sourceId}`, r]));
    for (const d of dupes) {
      const first = /duplicate email of (\S+?);/.exec(d.reason!)![1]!;
      const firstRow = bySource.get(`contacts/${first}`)!;
      if (duplicateEmails === "keep_apart") {
        expect(d.state, d.sourceId).toBe("written");
        expect(d.reason).toContain("keep apart");
        expect(emailOf(contactById.get(d.destId!)!)).toBe("");
      } else {
        expect(d.state, d.sourceId).toBe("skipped");
        expect(d.destId).toBeNull();
        expect(d.reason).toContain(duplicateEmails === "merge" ? `merged into ${first}` : "first wins");
      }
      if (duplicateEmails === "merge" && firstRow.state === "written") expect(firstRow.reason).toContain(d.sourceId);
    }
    // One destination contact per well-formed email, whatever the policy.
    const emails = dump.records.contacts!.map(emailOf).filter((e) => e !== "");
    expect(new Set(emails).size).toBe(emails.length);
  });

  it("attaches a merged contact's activities to the contact it was merged into", async () => {
    if (duplicateEmails !== "merge") return;
    const rows = await ledger();
    const merged = new Map(rows.filter((r) => r.objectType === "contacts" && r.reason?.includes("merged into")).map((r) => [r.sourceId, /merged into (\S+)/.exec(r.reason!)![1]!]));
    const contactDest = new Map(rows.filter((r) => r.objectType === "contacts" && r.destId).map((r) => [r.sourceId, r.destId!]));
    const activities = await db().stagedRecord.findMany({ where: { migrationId: s.tenant.migrationId, collection: "activities" } });
    const dump = s.fx.emulator.admin.dump() as Dump;
    const destActivity = new Map(Object.values(dump.activities).flat().map((a) => [String(a.id), a]));
    let checked = 0;
    for (const a of activities) {
      const data = a.data as { contact_id?: string; deal_id?: string; company_id?: string };
      const first = data.contact_id ? merged.get(data.contact_id) : undefined;
      if (!first || data.deal_id) continue;
      const row = rows.find((r) => r.objectType === "activities" && r.sourceId === a.sourceId)!;
      expect(row.state, a.sourceId).toBe("written");
      const dest = destActivity.get(row.destId!)!;
      expect(String(dest.data.targetable_id)).toBe(contactDest.get(first));
      checked++;
    }
    expect(checked).toBe(4);
    // A deal linked to a duplicate and its first is linked to the one destination contact.
    const deal = rows.find((r) => r.objectType === "deals" && r.sourceId === linkedDeal)!;
    expect(deal.state).toBe("written");
    const destDeal = dump.records.deals!.find((d) => String(d.id) === deal.destId)!;
    const firstOfLinked = merged.get(linkedDupe)!;
    expect(destDeal.data.contacts).toEqual([Number(contactDest.get(firstOfLinked))]);
  });

  it("applies the existing-record policy to contacts and accounts, keeping owners and capturing prior values", async () => {
    const rows = await ledger();
    const dump = s.fx.emulator.admin.dump() as Dump;
    for (const [objectType, entity, policy, planted] of [
      ["contacts", "contacts", existingRecord, before.records.contacts!.map((c) => String(c.id))],
      ["companies", "sales_accounts", existingAccount, before.records.sales_accounts!.map((c) => String(c.id))],
    ] as const) {
      const beforeById = new Map(before.records[entity]!.map((r) => [String(r.id), r]));
      const afterById = new Map(dump.records[entity]!.map((r) => [String(r.id), r]));
      const matched = rows.filter((r) => r.objectType === objectType && r.reason?.startsWith(`a destination ${objectType === "contacts" ? "contact" : "account"} already`));
      expect(matched.length, objectType).toBeGreaterThanOrEqual(objectType === "contacts" ? 3 : plantedAccounts.length);
      for (const r of matched) {
        if (policy === "skip") {
          expect(r.state).toBe("skipped");
          continue;
        }
        expect(r.state).toBe("written");
        expect(r.action).toBe("updated");
        expect(planted).toContain(r.destId);
        const prior = r.priorValues as Record<string, unknown>;
        expect(prior).not.toHaveProperty("owner_id");
        const was = beforeById.get(r.destId!)!;
        const now = afterById.get(r.destId!)!;
        expect(now.data.owner_id).toEqual(was.data.owner_id);
        if (policy === "fill_empty") {
          // What the destination had is kept; only what was empty was sent.
          for (const [k, v] of Object.entries(was.data)) if (v !== null && v !== "" && !(Array.isArray(v) && v.length === 0) && k !== "updated_at") expect(now.data[k], `${r.sourceId} ${k}`).toEqual(v);
          expect(Object.keys(prior).length).toBeGreaterThan(0);
        } else {
          expect(now.custom_field.cf_vp_id).toBe(r.sourceId);
        }
      }
      if (policy === "skip") for (const id of planted) expect(afterById.get(id)).toEqual(beforeById.get(id));
    }
  });

  it("rollback undoes each policy exactly: created records removed, updated and filled records as they were", async () => {
    await rollbackMigration(db(), s.conn, { organizationId: s.tenant.organizationId, migrationId: s.tenant.migrationId, actor: { id: s.tenant.userId, email: "a@x" } });
    const after = s.fx.emulator.admin.dump() as Dump;
    for (const entity of ["contacts", "sales_accounts", "deals"]) {
      const strip = (list: DumpRecord[]) => list.map((r) => ({ ...r, data: { ...r.data, updated_at: undefined } }));
      expect(strip(after.records[entity]!), entity).toEqual(strip(before.records[entity]!));
    }
    expect(Object.values(after.activities).flat()).toEqual([]);
  }, 120_000);
});
