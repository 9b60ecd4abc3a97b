/**
 * What the console's actions do: start a full run (gated on the sample sign-off), pause and
 * resume it, retry failed records after a fix, and request a rollback. Every state change is
 * audited; the work itself runs as jobs (`jobs.ts`), scheduled through `Scheduler`.
 */
import { appendAudit } from "@/lib/audit/audit-log";
import { openDestination } from "@/lib/connections/open-clients";
import { discoverMetadata } from "@/lib/connectors/freshsales/metadata";
import { listOwners } from "@/lib/connectors/freshsales/metadata";
import { loadApprovedMapping, toApprovedMapping, type ApprovedDrafts } from "@/lib/mapping/review/approved";
import { getMigrationOrThrow } from "@/lib/gates/data";
import { isFinishedRun } from "./run-status";
import { assertGateReachable } from "@/lib/gates/gate-service";
import type { Db } from "@/lib/server/db";
import { AppError, NotFoundError } from "@/lib/server/errors";
import { destinationContext } from "./destination-context";
import { beginPhases, loadRun, openPhases, startFullRun, type RunStats } from "./engine";
import { SEED_PHASES } from "./phases";
import { createRollbackRun } from "./rollback";
import { readRunJson, runSettingsSchema } from "./run-json";
import type { ApprovedMapping, DestinationContext, RunPolicies, RunSettings } from "./types";
import { runPoliciesOf } from "./existing-records";

export interface Actor {
  id: string;
  email: string;
  organizationId: string;
}

export interface Scheduler {
  batches(runId: string, phase: string, batches: number): Promise<void>;
  rollback(payload: { runId: string; organizationId: string; migrationId: string }): Promise<void>;
}

export function engineMapping(approved: ApprovedDrafts): { mapping: ApprovedMapping; policies: RunPolicies } {
  return { mapping: toApprovedMapping(approved), policies: runPoliciesOf(approved.routing) };
}

/** The destination digest with the plan's storage quota (per active user, pooled). */
export async function readDestination(db: Db, organizationId: string, migrationId: string): Promise<DestinationContext> {
  const dest = await openDestination(db, organizationId, migrationId);
  try {
    const meta = await discoverMetadata(dest.connection);
    const active = (await listOwners(dest.connection)).filter((o) => o.active).length;
    return destinationContext(meta, dest.plan.storageBytesPerUser * Math.max(1, active));
  } finally {
    dest.connection.close();
  }
}

export async function latestRun(db: Db, organizationId: string, migrationId: string, kind: "full" | "rollback" = "full") {
  return db.run.findFirst({ where: { organizationId, migrationId, kind }, orderBy: { createdAt: "desc" } });
}

export async function startFull(db: Db, user: Actor, migrationId: string, schedule: Scheduler): Promise<{ runId: string }> {
  await assertGateReachable(db, user.organizationId, migrationId, "full-run");
  const active = await db.run.findFirst({ where: { organizationId: user.organizationId, migrationId, kind: { in: ["full", "rollback"] }, status: { in: ["running", "paused", "queued"] } } });
  if (active) throw new AppError(`A ${active.kind === "full" ? "full run" : "rollback"} is already in progress.`, 409, "run_active");
  const { mapping, policies } = engineMapping(await loadApprovedMapping(db, user.organizationId, migrationId));
  const destination = await readDestination(db, user.organizationId, migrationId);
  const { runId } = await startFullRun(db, { organizationId: user.organizationId, migrationId, actor: user, mapping, destination, policies });
  // The run follows the latest finished dry run's plan, if any; its page compares the two.
  const plan = await db.dryRun.findFirst({ where: { organizationId: user.organizationId, migrationId, status: "done" }, orderBy: { createdAt: "desc" }, select: { id: true } });
  if (plan) await db.run.update({ where: { id: runId }, data: { dryRunId: plan.id } });
  const { stats } = await loadRun(db, runId);
  for (const p of openPhases(stats)) await schedule.batches(runId, p.phase, p.batches);
  return { runId };
}

async function ownRun(db: Db, user: Actor, migrationId: string, runId: string) {
  const run = await db.run.findFirst({ where: { id: runId, organizationId: user.organizationId, migrationId } });
  if (!run) throw new NotFoundError("Run");
  return run;
}

export async function pauseRun(db: Db, user: Actor, migrationId: string, runId: string): Promise<void> {
  await ownRun(db, user, migrationId, runId);
  const done = await db.run.updateMany({ where: { id: runId, status: "running" }, data: { status: "paused", pausedAt: new Date() } });
  if (done.count === 0) throw new AppError("Only a running run can be paused.", 409, "not_running");
  await appendAudit(db, { organizationId: user.organizationId, migrationId, actor: user, action: "run.paused", detail: { runId } });
}

export async function resumeRun(db: Db, user: Actor, migrationId: string, runId: string, schedule: Scheduler): Promise<void> {
  await ownRun(db, user, migrationId, runId);
  const done = await db.run.updateMany({ where: { id: runId, status: "paused" }, data: { status: "running", pausedAt: null } });
  if (done.count === 0) throw new AppError("Only a paused run can be resumed.", 409, "not_paused");
  await appendAudit(db, { organizationId: user.organizationId, migrationId, actor: user, action: "run.resumed", detail: { runId } });
  const { stats } = await loadRun(db, runId);
  for (const p of openPhases(stats)) await schedule.batches(runId, p.phase, p.batches);
}

/**
 * Failed records (those that failed while writing, not those the policies settled) go back to
 * pending and a new run, with the map and destination as they are now, writes them.
 */
export async function retryFailed(db: Db, user: Actor, migrationId: string, schedule: Scheduler): Promise<{ runId: string; records: number }> {
  await getMigrationOrThrow(db, user.organizationId, migrationId);
  const last = await latestRun(db, user.organizationId, migrationId);
  if (!last || !isFinishedRun(last.status)) throw new AppError("Retry failed records once the full run has finished.", 409, "run_not_done");
  const { mapping, policies } = engineMapping(await loadApprovedMapping(db, user.organizationId, migrationId));
  const destination = await readDestination(db, user.organizationId, migrationId);
  const previous = readRunJson(runSettingsSchema, last.settings, last.id, "settings");
  const run = await db.run.create({ data: { organizationId: user.organizationId, migrationId, kind: "full", status: "running", startedAt: new Date(), createdById: user.id } });
  const records = await db.ledgerEntry.updateMany({ where: { migrationId, state: "failed", attempts: { gt: 0 } }, data: { state: "pending", reason: null, runId: run.id } });
  const settings: RunSettings = { ...previous, mapping, destination, policies };
  await db.run.update({ where: { id: run.id }, data: { settings: settings as object, stats: { phase: "", batches: 0, active: {}, done: [...SEED_PHASES], ledgerSeeded: true, retryOf: last.id } } });
  await appendAudit(db, { organizationId: user.organizationId, migrationId, actor: user, action: "run.retry_failed", detail: { runId: run.id, records: records.count } });
  for (const p of await beginPhases(db, run.id, migrationId, settings)) await schedule.batches(run.id, p.phase, p.batches);
  return { runId: run.id, records: records.count };
}

export async function requestRollback(db: Db, user: Actor, migrationId: string, schedule: Scheduler): Promise<{ runId: string }> {
  await getMigrationOrThrow(db, user.organizationId, migrationId);
  const running = await db.run.findFirst({ where: { organizationId: user.organizationId, migrationId, kind: "full", status: { in: ["running", "queued"] } } });
  if (running) throw new AppError("Pause the full run before rolling back.", 409, "run_active");
  const { runId } = await createRollbackRun(db, { organizationId: user.organizationId, migrationId, actor: user });
  await schedule.rollback({ runId, organizationId: user.organizationId, migrationId });
  return { runId };
}

export type { RunStats };
