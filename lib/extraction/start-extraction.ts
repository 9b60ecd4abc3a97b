import { appendAudit, type AuditActor } from "@/lib/audit/audit-log";
import { assertGateReachable, withdrawGate } from "@/lib/gates/gate-service";
import { parseGateRecords } from "@/lib/gates/gates";
import type { Db } from "@/lib/server/db";
import { ConflictError } from "@/lib/server/errors";
import { enqueue } from "@/lib/server/jobs/enqueue";
import { extractionJob } from "./extraction-job";

export const IN_PROGRESS = ["queued", "running", "profiling"] as const;

/** A large source under a strict rate limit can take hours; pg-boss's default expiry is 15 min. */
const JOB_EXPIRY_HOURS = 12;

interface Starter {
  id: string;
  email: string;
  organizationId: string;
}

/**
 * Starts an extraction (or resumes the latest interrupted one) and queues its job after the
 * run row has committed. Re-extracting withdraws the inventory gate and every gate after it:
 * whatever was decided on the old inventory must be looked at again.
 */
export async function startExtraction(db: Db, user: Starter, migrationId: string, mode: "new" | "resume") {
  const organizationId = user.organizationId;
  const migration = await assertGateReachable(db, organizationId, migrationId, "inventory");
  const latest = await db.extractionRun.findFirst({ where: { organizationId, migrationId }, orderBy: { createdAt: "desc" } });
  if (latest && (IN_PROGRESS as readonly string[]).includes(latest.status)) {
    throw new ConflictError("An extraction is already running for this migration.");
  }
  const actor: AuditActor = { id: user.id, email: user.email };

  let runId: string;
  if (mode === "resume" && latest && latest.status === "failed") {
    await db.$transaction(async (tx) => {
      await tx.extractionRun.update({ where: { id: latest.id, organizationId }, data: { status: "queued", error: null } });
      await appendAudit(tx, { organizationId, migrationId, actor, action: "extraction.resumed", detail: { runId: latest.id } });
    });
    runId = latest.id;
  } else {
    if (parseGateRecords(migration.gates).inventory) {
      await withdrawGate(db, organizationId, migrationId, "inventory", actor, "re-extracting the source");
    }
    runId = await db.$transaction(async (tx) => {
      const run = await tx.extractionRun.create({ data: { organizationId, migrationId } });
      await appendAudit(tx, { organizationId, migrationId, actor, action: "extraction.started", detail: { runId: run.id } });
      return run.id;
    });
  }
  await enqueue(
    extractionJob,
    { runId, organizationId, migrationId, actorId: user.id, actorEmail: user.email },
    { expireInHours: JOB_EXPIRY_HOURS },
  );
  return { runId };
}
