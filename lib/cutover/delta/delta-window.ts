/**
 * The delta window's lifecycle, decided on the server: an admin opens it after the full run
 * (watermark: where the extraction started reading), it ends by itself when its time is up or
 * when an admin ends it, and the "delta" gate completes once it has ended with no conflict
 * and no source deletion left undecided.
 */
import { appendAudit, type AuditActor } from "@/lib/audit/audit-log";
import { assertGateReachable, completeGate, withdrawGate } from "@/lib/gates/gate-service";
import { isFinishedRun } from "@/lib/migration/run-status";
import { getMigrationOrThrow } from "@/lib/gates/data";
import type { Db } from "@/lib/server/db";
import { AppError, ConflictError, ValidationError } from "@/lib/server/errors";
import { assertAdmin, type Actor } from "@/lib/server/roles";
import { readRunJson } from "@/lib/migration/run-json";
import { deltaSettingsSchema, EMPTY_STATS, type DeltaSettings, type DeltaStats } from "./types";

export const DEFAULT_WINDOW_HOURS = 36;
export const DEFAULT_INTERVAL_SECONDS = 300;

export async function currentWindow(db: Db, migrationId: string) {
  return db.run.findFirst({ where: { migrationId, kind: "delta" }, orderBy: { createdAt: "desc" } });
}

/** Where the delta starts reading: the extraction's start (what staging reflects), else the full run's start. */
export async function startingWatermark(db: Db, migrationId: string): Promise<Date> {
  const full = await db.run.findFirst({ where: { migrationId, kind: "full" }, orderBy: { createdAt: "desc" } });
  if (!full || !isFinishedRun(full.status)) throw new AppError("The delta window opens after the full run has finished.", 409, "full_run_not_done");
  const extraction = await db.extractionRun.findFirst({ where: { migrationId, status: "done", watermark: { not: null } }, orderBy: { createdAt: "desc" } });
  return extraction?.watermark ?? full.watermark ?? full.startedAt ?? full.createdAt;
}

export async function openDeltaWindow(db: Db, user: Actor, migrationId: string, input: { windowHours?: number; intervalSeconds?: number }, now = new Date()): Promise<{ runId: string }> {
  assertAdmin(user);
  await assertGateReachable(db, user.organizationId, migrationId, "delta");
  const windowHours = input.windowHours ?? DEFAULT_WINDOW_HOURS;
  const intervalSeconds = input.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS;
  if (!(windowHours > 0) || windowHours > 24 * 30) throw new ValidationError("The window lasts more than 0 and at most 720 hours.");
  if (!(intervalSeconds >= 1) || intervalSeconds > 24 * 3600) throw new ValidationError("Poll between every second and once a day.");
  const previous = await currentWindow(db, migrationId);
  if (previous?.status === "running") throw new ConflictError("The delta window is already open.");
  const source = await db.connection.findFirst({ where: { organizationId: user.organizationId, migrationId, kind: "VISUAL_PRACTICE" } });
  if (source?.mode === "bundle") throw new AppError("The delta window polls the Visual Practice API; this migration reads an uploaded export. Connect the API to catch changes.", 409, "bundle_source");
  // A second window (say after a re-run of failed records) reads on from where the last one stopped.
  // Refuses while a re-run of failed records is in progress, for a second window too.
  const start = await startingWatermark(db, migrationId);
  const watermark = previous?.watermark ?? start;
  const settings: DeltaSettings = { windowHours, intervalSeconds, endsAt: new Date(now.getTime() + windowHours * 3_600_000).toISOString() };
  const run = await db.run.create({
    data: { organizationId: user.organizationId, migrationId, kind: "delta", status: "running", startedAt: now, watermark, settings: settings as object, stats: EMPTY_STATS as object, createdById: user.id },
  });
  const carried = previous ? await carryOver(db, migrationId, run.id) : 0;
  await appendAudit(db, {
    organizationId: user.organizationId, migrationId, actor: user, action: "delta.opened",
    detail: { runId: run.id, windowHours, intervalSeconds, watermark: watermark.toISOString(), ...(previous ? { previousRunId: previous.id, carried } : {}) },
  });
  // The step is not done while a window is open: whatever it finds must be settled again.
  if (previous) await withdrawGate(db, user.organizationId, migrationId, "delta", user, "a new delta window was opened");
  return { runId: run.id };
}

export async function openConflicts(db: Db, migrationId: string): Promise<number> {
  return db.deltaConflict.count({ where: { migrationId, status: "open" } });
}

export async function openDeletions(db: Db, migrationId: string): Promise<number> {
  return db.deltaDeletion.count({ where: { migrationId, status: "open" } });
}

/** Delta runs' ids: what the windows staged or set to be written carries their run id. */
async function deltaRunIds(db: Db, migrationId: string): Promise<string[]> {
  return (await db.run.findMany({ where: { migrationId, kind: "delta" }, select: { id: true } })).map((r) => r.id);
}

/**
 * Changes a window picked up and did not write: ledger rows set to be written (pending,
 * intent) by a window, and records a window staged without a ledger row (a poll killed before
 * seeding). The next poll writes them; a window that ended first leaves them here.
 */
export async function pendingChanges(db: Db, migrationId: string): Promise<number> {
  const runs = await deltaRunIds(db, migrationId);
  if (runs.length === 0) return 0;
  const marked = await db.ledgerEntry.count({ where: { migrationId, runId: { in: runs }, state: { in: ["pending", "intent"] } } });
  const [unseeded] = await db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "StagedRecord" s
       LEFT JOIN "LedgerEntry" l ON l."migrationId" = s."migrationId" AND l."objectType" = s.collection AND l."sourceId" = s."sourceId"
      WHERE s."migrationId" = $1 AND s."runId" = ANY($2::text[]) AND NOT s.deleted AND l."sourceId" IS NULL`,
    migrationId, runs,
  );
  return marked + (unseeded?.n ?? 0);
}

/** Hands what earlier windows left unwritten to the new one, whose first poll writes it. */
async function carryOver(db: Db, migrationId: string, runId: string): Promise<number> {
  const earlier = (await deltaRunIds(db, migrationId)).filter((id) => id !== runId);
  const marked = await db.ledgerEntry.updateMany({ where: { migrationId, runId: { in: earlier }, state: { in: ["pending", "intent"] } }, data: { runId } });
  const unseeded = await db.$executeRawUnsafe(
    `UPDATE "StagedRecord" s SET "runId" = $2 WHERE s."migrationId" = $1 AND s."runId" = ANY($3::text[]) AND NOT s.deleted
       AND NOT EXISTS (SELECT 1 FROM "LedgerEntry" l WHERE l."migrationId" = s."migrationId" AND l."objectType" = s.collection AND l."sourceId" = s."sourceId")`,
    migrationId, runId, earlier,
  );
  return marked.count + unseeded;
}

/** Completes the gate when the window is over and nothing is left to decide or to write. Idempotent. */
export async function completeIfSettled(db: Db, organizationId: string, migrationId: string, actor: AuditActor): Promise<boolean> {
  const window = await currentWindow(db, migrationId);
  if (!window || window.status !== "done") return false;
  if ((await openConflicts(db, migrationId)) > 0) return false;
  // A deletion in the source waits for the admin like a conflict.
  if ((await openDeletions(db, migrationId)) > 0) return false;
  if ((await pendingChanges(db, migrationId)) > 0) return false;
  const migration = await getMigrationOrThrow(db, organizationId, migrationId);
  if (migration.closedAt) return false;
  await completeGate(db, organizationId, migrationId, "delta", actor);
  return true;
}

/** Moves the end of an open window later (the practice needs another day, say); audited. */
export async function extendDeltaWindow(db: Db, user: Actor, migrationId: string, hours: number): Promise<{ endsAt: string }> {
  assertAdmin(user);
  await assertGateReachable(db, user.organizationId, migrationId, "delta");
  if (!(hours > 0) || hours > 24 * 30) throw new ValidationError("Extend by more than 0 and at most 720 hours.");
  const window = await currentWindow(db, migrationId);
  if (!window || window.status !== "running") throw new ConflictError("No delta window is open.");
  const settings = readRunJson(deltaSettingsSchema, window.settings, window.id, "window settings");
  const endsAt = new Date(Date.parse(settings.endsAt) + hours * 3_600_000).toISOString();
  await db.run.update({ where: { id: window.id }, data: { settings: { ...settings, windowHours: settings.windowHours + hours, endsAt } as object } });
  await appendAudit(db, { organizationId: user.organizationId, migrationId, actor: user, action: "delta.extended", detail: { runId: window.id, hours, from: settings.endsAt, to: endsAt } });
  return { endsAt };
}

/** Ends the window (the admin's choice, or its time being up). */
export async function closeDeltaWindow(db: Db, organizationId: string, migrationId: string, runId: string, actor: AuditActor, reason: "ended_by_admin" | "time_up"): Promise<{ gateCompleted: boolean }> {
  const ended = await db.run.updateMany({ where: { id: runId, migrationId, kind: "delta", status: "running" }, data: { status: "done", finishedAt: new Date() } });
  if (ended.count === 1) {
    // The summary the admin reads later in the audit log: what the window brought in.
    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { stats: true } });
    const s = { ...EMPTY_STATS, ...(run.stats as Partial<DeltaStats>) };
    const summary = { polls: s.polls, created: s.created, updated: s.updated, conflicts: s.conflicts, deletedInSource: s.deletedInSource ?? 0, notUpdatable: s.notUpdatable, failed: s.failed };
    await appendAudit(db, { organizationId, migrationId, actor, action: "delta.closed", detail: { runId, reason, ...summary } });
  }
  return { gateCompleted: await completeIfSettled(db, organizationId, migrationId, actor) };
}

export async function endDeltaWindow(db: Db, user: Actor, migrationId: string): Promise<{ gateCompleted: boolean; openConflicts: number; openDeletions: number; pendingChanges: number }> {
  assertAdmin(user);
  await assertGateReachable(db, user.organizationId, migrationId, "delta");
  const window = await currentWindow(db, migrationId);
  if (!window || window.status !== "running") throw new ConflictError("No delta window is open.");
  const result = await closeDeltaWindow(db, user.organizationId, migrationId, window.id, user, "ended_by_admin");
  return { ...result, openConflicts: await openConflicts(db, migrationId), openDeletions: await openDeletions(db, migrationId), pendingChanges: await pendingChanges(db, migrationId) };
}
