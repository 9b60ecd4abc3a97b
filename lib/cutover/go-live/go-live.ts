/**
 * Go-live: after reconciliation an admin confirms, the "go-live" gate is done and the
 * migration is closed to further writes (`closedAt`), both audited. Every write path refuses a
 * closed migration (`assertGateReachable` for requests, `assertNotClosed` for jobs).
 */
import { appendAudit } from "@/lib/audit/audit-log";
import { assertGateReachable, completeGate } from "@/lib/gates/gate-service";
import type { Db } from "@/lib/server/db";
import { AppError, ValidationError } from "@/lib/server/errors";
import { assertAdmin, type Actor } from "@/lib/server/roles";
import { currentWindow, openConflicts, openDeletions, pendingChanges } from "@/lib/cutover/delta/delta-window";

const BUSY = ["queued", "running", "paused"];

/** After the delta window: every change it found is written, and every conflict and deletion decided. */
async function assertNothingPending(db: Db, migrationId: string): Promise<void> {
  const window = await currentWindow(db, migrationId);
  if (!window) return;
  const lease = (window.stats as { leaseUntil?: string } | null)?.leaseUntil;
  if (lease && Date.parse(lease) > Date.now()) throw new AppError("A poll of the delta window is still finishing. Go live once it has.", 409, "busy");
  const left = { conflicts: await openConflicts(db, migrationId), deletions: await openDeletions(db, migrationId), changes: await pendingChanges(db, migrationId) };
  if (left.conflicts + left.deletions + left.changes === 0) return;
  const parts = [
    left.conflicts > 0 && `${left.conflicts} conflict(s) to decide`,
    left.deletions > 0 && `${left.deletions} source deletion(s) to decide`,
    left.changes > 0 && `${left.changes} change(s) the window picked up and did not write (open another window to write them)`,
  ].filter(Boolean);
  throw new AppError(`The delta window left ${parts.join(", ")}. Settle them before going live.`, 409, "pending_changes");
}

export async function confirmGoLive(db: Db, user: Actor, migrationId: string, typedName: string): Promise<{ closedAt: Date }> {
  assertAdmin(user);
  const migration = await assertGateReachable(db, user.organizationId, migrationId, "go-live");
  if (typedName.trim() !== migration.name.trim()) throw new ValidationError("Type the migration's name exactly to confirm go-live.");
  const busy = await db.run.findFirst({ where: { migrationId, status: { in: BUSY } }, select: { kind: true } });
  if (busy) throw new AppError(`A ${busy.kind} run is still in progress. Let it finish (or end the delta window) before going live.`, 409, "busy");
  await assertNothingPending(db, migrationId);
  await completeGate(db, user.organizationId, migrationId, "go-live", user);
  const closedAt = new Date();
  const closed = await db.migration.updateMany({ where: { id: migrationId, organizationId: user.organizationId, closedAt: null }, data: { closedAt } });
  if (closed.count === 1) {
    await appendAudit(db, { organizationId: user.organizationId, migrationId, actor: user, action: "migration.went_live", detail: { closedAt: closedAt.toISOString() } });
  }
  const after = await db.migration.findUniqueOrThrow({ where: { id: migrationId }, select: { closedAt: true } });
  return { closedAt: after.closedAt ?? closedAt };
}
