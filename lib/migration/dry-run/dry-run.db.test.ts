import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import type { FreshsalesEmulatorOptions } from "@/lib/sandbox/freshsales/server";
import { FRESHSALES_PLAN_LIMITS } from "@/lib/connectors/freshsales/plan-facts";
import { connectionTo, createTenant, setUpDestination, stageDataset, stageFiles, type Fixture } from "@/test/support/migration";
import { driveRun } from "../driver";
import { startFullRun } from "../engine";
import { DEFAULT_POLICIES } from "../types";
import { comparePlan } from "./compare-plan";
import { runDryRun } from "./dry-run";
import { isReadCall } from "./read-only-connection";

const DIRTY = { parent_cycle: 0.1, duplicate_email: 0.05, exists_in_destination: 0.04, cross_pipeline_stage: 0.1, orphan_activity: 0.05, control_chars: 0 };

/** Calls per endpoint the emulator accepted between two of its stats. */
function callsBetween(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(after)) if (n - (before[k] ?? 0) > 0) out[k] = n - (before[k] ?? 0);
  return out;
}

async function setUp(total: number, profile: FreshsalesEmulatorOptions = {}) {
  const fx = await setUpDestination({ seed: 11, total, dirtyRates: DIRTY }, profile);
  const tenant = await createTenant(db());
  await stageDataset(db(), tenant.migrationId, fx.ds);
  const files = await stageFiles(fx.ds, tenant.migrationId);
  const conn = connectionTo(fx.emulator);
  const dryRun = (actorId: string) =>
    runDryRun({ db: db(), organizationId: tenant.organizationId, migrationId: tenant.migrationId, actorId, conn, mapping: fx.mapping, destination: fx.destination, policies: DEFAULT_POLICIES, files, limits: FRESHSALES_PLAN_LIMITS.growth });
  const fullRun = async (dryRunId: string) => {
    const { runId } = await startFullRun(db(), { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: { id: tenant.userId, email: "a@x" }, mapping: fx.mapping, destination: fx.destination });
    await db().run.update({ where: { id: runId }, data: { dryRunId } });
    await driveRun(() => ({ db: db(), conn, files, bulkPollMs: 10 }), runId, { workers: 2, onError: (e) => console.error(e) });
    return runId;
  };
  return { fx, tenant, conn, dryRun, fullRun };
}

// The emulator answering the doc's open points one way (default) and the other (variant: unique
// account names, stages checked against their pipeline, thin answers).
const PROFILES: [string, FreshsalesEmulatorOptions][] = [["default", {}], ["variant", { profile: "variant" }]];

describe.each(PROFILES)("dry run on the emulator (%s), then the full run", (_name, profile) => {
  let s: Awaited<ReturnType<typeof setUp>>;
  let fx: Fixture;
  let dryRunId: string;
  let reads: Record<string, number>;
  let summary: Awaited<ReturnType<Awaited<ReturnType<typeof setUp>>["dryRun"]>>["summary"];
  let dumpBefore: string;

  beforeAll(async () => {
    s = await setUp(600, profile);
    fx = s.fx;
    dumpBefore = JSON.stringify(fx.emulator.admin.dump());
    const before = fx.emulator.stats().callsByEndpoint;
    ({ dryRunId, summary } = await s.dryRun(s.tenant.userId));
    reads = callsBetween(before, fx.emulator.stats().callsByEndpoint);
  }, 120_000);
  afterAll(async () => {
    s?.conn.close();
    await s?.fx.emulator.close();
  });

  it("makes read calls only, each counted in the plan, and changes nothing in the destination", () => {
    const writes = Object.keys(reads).filter((k) => {
      const [method, path] = k.split(" ");
      return !isReadCall(method!, path!.replace(/^\//, ""));
    });
    expect(writes).toEqual([]);
    // Not vacuous: it did search the destination (the contacts' emails).
    expect(Object.values(reads).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(Object.values(summary.reads).reduce((a, b) => a + b, 0)).toBe(Object.values(reads).reduce((a, b) => a + b, 0));
    expect(JSON.stringify(fx.emulator.admin.dump())).toBe(dumpBefore);
    expect(summary.calls.minimum).toBeGreaterThan(0);
  });

  it("predicts every record's outcome as the full run then settles it, with nothing changed between", async () => {
    await s.fullRun(dryRunId);
    const comparison = await comparePlan(db(), s.tenant.migrationId, dryRunId);
    expect(comparison.differences).toEqual([]);
    const ledger = await db().ledgerEntry.count({ where: { migrationId: s.tenant.migrationId } });
    expect(comparison.records).toBe(ledger);
    expect(comparison.agreeing).toBe(ledger);
    // Every kind of outcome was in play, so agreement is not one outcome everywhere.
    const outcomes = new Set(Object.values(comparison.byObject).flatMap((o) => Object.entries(o).filter(([, c]) => c.actual > 0).map(([k]) => k)));
    expect([...outcomes].sort()).toEqual(["created", "failed", "skipped", "updated"]);
  }, 180_000);
});

describe("a source record changed between the dry run and the full run", () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  afterAll(async () => {
    s?.conn.close();
    await s?.fx.emulator.close();
  });

  it("is listed with what the plan said and what happened", async () => {
    s = await setUp(200);
    // A plan no run followed is superseded by the next: its per-record rows go.
    const first = await s.dryRun(s.tenant.userId);
    expect(await db().dryRunRecord.count({ where: { dryRunId: first.dryRunId } })).toBeGreaterThan(0);
    const { dryRunId } = await s.dryRun(s.tenant.userId);
    expect(await db().dryRunRecord.count({ where: { dryRunId: first.dryRunId } })).toBe(0);
    const created = await db().dryRunRecord.findFirstOrThrow({ where: { dryRunId, objectType: "contacts", outcome: "created" }, orderBy: { sourceId: "asc" } });
    const staged = await db().stagedRecord.findFirstOrThrow({ where: { migrationId: s.tenant.migrationId, collection: "contacts", sourceId: created.sourceId } });
    await db().stagedRecord.update({
      where: { migrationId_collection_sourceId: { migrationId: s.tenant.migrationId, collection: "contacts", sourceId: created.sourceId } },
      data: { data: { ...(staged.data as object), deleted_at: "2026-01-01T00:00:00Z" }, deleted: true },
    });
    await s.fullRun(dryRunId);
    const comparison = await comparePlan(db(), s.tenant.migrationId, dryRunId);
    expect(comparison.differences).toContainEqual(expect.objectContaining({ objectType: "contacts", sourceId: created.sourceId, predicted: "created", actual: "skipped" }));
    expect(comparison.agreeing).toBeLessThan(comparison.records);
    expect(comparison.byObject.contacts!.created!.predicted).toBe(comparison.byObject.contacts!.created!.actual + comparison.differences.filter((d) => d.objectType === "contacts" && d.predicted === "created").length - comparison.differences.filter((d) => d.objectType === "contacts" && d.actual === "created").length);
  }, 180_000);
});
