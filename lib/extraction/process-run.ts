import type pg from "pg";
import type { Logger } from "pino";
import { appendAudit, type AuditActor } from "@/lib/audit/audit-log";
import { VpBadRequestError, VpUnauthorizedError } from "@/lib/connectors/visual-practice/errors";
import type { FileStore } from "@/lib/connectors/visual-practice/file-store";
import type { VpCollection } from "@/lib/connectors/visual-practice/records";
import { buildInventory } from "@/lib/inventory/build-inventory";
import { completeGate } from "@/lib/gates/gate-service";
import type { Db } from "@/lib/server/db";
import { isAppError } from "@/lib/server/errors";
import { ExtractionSupersededError, extractCollections } from "./run-extraction";
import type { SourceReader } from "./source-reader";

export interface ExtractionRunRef {
  runId: string;
  organizationId: string;
  migrationId: string;
  actor: AuditActor;
}

export interface ProcessRunDeps {
  db: Db;
  pool: pg.Pool;
  fileStore: FileStore;
  openReader: () => Promise<SourceReader>;
  log?: Logger;
  perPage?: number;
  collections?: readonly VpCollection[];
  afterPage?: (info: { collection: VpCollection; page: number }) => void | Promise<void>;
}

export type RunOutcome = "done" | "failed" | "superseded" | "skipped";

/** Errors no retry can fix: the run fails with a message the admin can act on. */
function permanentMessage(error: unknown): string | null {
  if (error instanceof VpUnauthorizedError) return "Visual Practice refused the token. Update the connection and resume.";
  if (error instanceof VpBadRequestError) return `Visual Practice rejected a request: ${error.bodyText.slice(0, 200)}`;
  if (isAppError(error)) return error.message;
  return null;
}

/**
 * The extraction job's body: stage every collection (resuming from checkpoints), then build the
 * inventory and complete the "inventory" gate. Safe to run twice or after a crash at any point.
 * A transient failure marks the run failed and rethrows so the queue retries it; a permanent
 * one marks it failed and stops.
 */
export async function processExtractionRun(ref: ExtractionRunRef, deps: ProcessRunDeps): Promise<RunOutcome> {
  const { db, log } = deps;
  const { runId, organizationId, migrationId } = ref;
  const run = await db.extractionRun.findFirst({ where: { id: runId, organizationId, migrationId } });
  if (!run || run.status === "done") return "skipped";
  const now = new Date();
  // The watermark is the first start: a resumed run must not move it past changes it missed.
  await db.extractionRun.update({
    where: { id: runId },
    data: { status: "running", error: null, startedAt: run.startedAt ?? now, watermark: run.watermark ?? now, finishedAt: null },
  });

  try {
    const reader = await deps.openReader();
    try {
      await extractCollections({
        pool: deps.pool,
        reader,
        fileStore: deps.fileStore,
        runId,
        migrationId,
        perPage: deps.perPage,
        collections: deps.collections,
        log,
        afterPage: deps.afterPage,
      });
    } finally {
      await reader.close();
    }
    await db.extractionRun.update({ where: { id: runId }, data: { status: "profiling" } });
    const inventory = await buildInventory(db, migrationId, runId);
    await appendAudit(db, {
      organizationId,
      migrationId,
      actor: ref.actor,
      action: "extraction.done",
      detail: { runId, counts: inventory.counts },
    });
    // The gate before the final status: a crash in between retries the job, which must not
    // find the run done with the gate still open.
    await completeGate(db, organizationId, migrationId, "inventory", ref.actor).catch((error: unknown) => {
      // A migration closed (or sent back to Connect) meanwhile keeps its inventory; the gate
      // stays as it was. Anything else is a failure to retry.
      if (!isAppError(error)) throw error;
      log?.warn({ err: error, migrationId }, "inventory gate not completed");
    });
    await db.extractionRun.update({ where: { id: runId }, data: { status: "done", finishedAt: new Date() } });
    return "done";
  } catch (error) {
    if (error instanceof ExtractionSupersededError) {
      log?.warn({ runId, reason: error.message }, "another worker is extracting this run");
      return "superseded";
    }
    const permanent = permanentMessage(error);
    await db.extractionRun.update({
      where: { id: runId },
      // Unexpected errors stay in the log: only deliberate messages reach the admin.
      data: { status: "failed", error: permanent ?? "Interrupted by an unexpected error. It is retried and resumes at the next page." },
    });
    if (permanent) {
      log?.warn({ runId, error: permanent }, "extraction failed");
      return "failed";
    }
    log?.error({ err: error, runId }, "extraction interrupted");
    throw error;
  }
}
