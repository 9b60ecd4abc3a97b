/**
 * The run as pg-boss jobs: one job per batch of a phase, any worker on any machine. A batch
 * job is idempotent (ledger rows only move forward); the batch that finds its phase done
 * marks it, and only the winner of each conditional update enqueues a phase that was waiting
 * on it (`phases.ts`: phases run side by side once what they read is written).
 */
import { openDestination } from "@/lib/connections/open-clients";
import { attachmentStore } from "@/lib/connections/file-store";
import { attachmentKey } from "@/lib/extraction/copy-attachments";
import { db } from "@/lib/server/db";
import { enqueue } from "@/lib/server/jobs/enqueue";
import { defineJob, type JobContext } from "@/lib/server/jobs/types";
import type { z } from "zod";
import { advance, loadRun, processBatch } from "./engine";
import { isLeafPhase, phasePriority } from "./phases";
import { rollbackMigration } from "./rollback";
import { batchJobPayload, rollbackJobPayload } from "./schemas";

export class OutcomeStillUnknownError extends Error {
  constructor(runId: string, phase: string, batch: number) {
    super(`run ${runId} ${phase} batch ${batch}: some writes have an unknown outcome; retried after a pause`);
  }
}

async function runBatchJob(payload: z.infer<typeof batchJobPayload>, { log }: JobContext): Promise<void> {
  const { run } = await loadRun(db(), payload.runId);
  if (run.status !== "running") return;
  const destination = await openDestination(db(), run.organizationId, run.migrationId);
  try {
    const settled = await processBatch(
      { db: db(), conn: destination.connection, files: attachmentStore(db()), attachmentKey },
      payload.runId,
      payload.phase,
      payload.batch,
    );
    if (!settled) throw new OutcomeStillUnknownError(payload.runId, payload.phase, payload.batch);
    // Each phase's batches are queued as soon as it is started (the critical path's first).
    await advance(db(), payload.runId, payload.phase, payload.batch, async (started) => {
      log.info({ runId: payload.runId, phase: started.phase, batches: started.batches }, "phase started");
      await scheduleBatches(payload.runId, started.phase, started.batches);
    });
  } finally {
    destination.connection.close();
  }
}

export const migrationBatchJob = defineJob({ name: "migration.batch", schema: batchJobPayload, retryLimit: 20, handler: runBatchJob });

/**
 * Batches of the phases nothing waits for (activities, documents, line items) on a queue of
 * their own, so each worker runs them beside the bulk batches of the critical path (accounts,
 * contacts, deals) instead of after them, as one queue ordered by priority did: the rate
 * budget the few bulk calls leave is then used from the start, and the governor
 * (deferrable creates) keeps their calls behind the bulk ones.
 */
export const migrationLeafBatchJob = defineJob({ name: "migration.leaf-batch", schema: batchJobPayload, retryLimit: 20, handler: runBatchJob });

export const migrationRollbackJob = defineJob({
  name: "migration.rollback",
  schema: rollbackJobPayload,
  retryLimit: 10,
  concurrency: 1,
  async handler(payload) {
    const destination = await openDestination(db(), payload.organizationId, payload.migrationId);
    try {
      await rollbackMigration(db(), destination.connection, { organizationId: payload.organizationId, migrationId: payload.migrationId, actor: { id: null, email: "system" }, runId: payload.runId });
    } finally {
      destination.connection.close();
    }
  },
});

/**
 * One job per batch. The singleton key only labels the job: on pg-boss's standard queue policy
 * it dedupes nothing, so a batch scheduled twice (a resume racing an advance, the stalled-run
 * watchdog) runs twice, which is safe: a batch only moves unsettled rows forward.
 */
export async function scheduleBatches(runId: string, phase: string, batches: number): Promise<void> {
  for (let batch = 0; batch < batches; batch++) {
    await enqueue(isLeafPhase(phase) ? migrationLeafBatchJob : migrationBatchJob, { runId, phase, batch }, { singletonKey: `${runId}:${phase}:${batch}`, expireInSeconds: 15 * 60, priority: phasePriority(phase) });
  }
}

export async function scheduleRollback(payload: { runId: string; organizationId: string; migrationId: string }): Promise<void> {
  await enqueue(migrationRollbackJob, payload, { singletonKey: `rollback:${payload.runId}` });
}
