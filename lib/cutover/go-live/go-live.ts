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

const BUSY = ["queued", "running", "paused"];

export async function confirmGoLive(db: Db, user: Actor, migrationId: string, typedName: string): Promise<{ closedAt: Date }> {
  assertAdmin(user);
  const migration = await assertGateReachable(db, user.organizationId, migrationId, "go-live");
  if (typedName.trim() !== migration.name.trim()) throw new ValidationError("Type the migration's name exactly to confirm go-live.");
  const busy = await db.run.findFirst({ where: { migrationId, status: { in: BUSY } }, select: { kind: true } });
  if (busy) throw new AppError(`A ${busy.kind} run is still in progress. Let it finish (or end the delta window) before going live.`, 409, "busy");
  await completeGate(db, user.organizationId, migrationId, "go-live", user);
  const closedAt = new Date();
  const closed = await db.migration.updateMany({ where: { id: migrationId, organizationId: user.organizationId, closedAt: null }, data: { closedAt } });
  if (closed.count === 1) {
    await appendAudit(db, { organizationId: user.organizationId, migrationId, actor: user, action: "migration.went_live", detail: { closedAt: closedAt.toISOString() } });
  }
  const after = await db.migration.findUniqueOrThrow({ where: { id: migrationId }, select: { closedAt: true } });
  return { closedAt: after.closedAt ?? closedAt };
}
