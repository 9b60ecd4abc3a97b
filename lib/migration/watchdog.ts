/**
 * Runs left without jobs. A worker killed after marking a phase done but before enqueuing the
 * phases that follow (or after starting a phase but before enqueuing its batches) leaves a
 * running run that no job will touch again: the retried job finds its phase already done and
 * has nothing to do. Every worker checks now and then for running runs that have been idle a
 * while with no queued, retrying or active batch job, claims each one (a conditional update
 * of its updatedAt, so one worker acts) and schedules what it needs. Batches are idempotent,
 * so re-running one whose rows are settled only costs a read.
 */
import type { Db } from "@/lib/server/db";
import { BOSS_SCHEMA } from "@/lib/server/jobs/boss";
import { reconcilePhases } from "./engine";

export type ScheduleBatches = (runId: string, phase: string, batches: number) => Promise<void>;

/** Idle time before a run without jobs counts as stalled (a scheduler between steps is not). */
export const STALLED_AFTER_SECONDS = 20;

export async function resumeStalledRuns(db: Db, schedule: ScheduleBatches, idleSeconds = STALLED_AFTER_SECONDS): Promise<string[]> {
  const stalled = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT r.id FROM "Run" r
      WHERE r.kind = 'full' AND r.status = 'running' AND r."updatedAt" < now() - make_interval(secs => $1)
        AND NOT EXISTS (SELECT 1 FROM ${BOSS_SCHEMA}.job j
                         WHERE j.name IN ('migration.batch', 'migration.leaf-batch') AND j.data->>'runId' = r.id AND j.state IN ('created', 'retry', 'active'))`,
    idleSeconds,
  );
  const resumed: string[] = [];
  for (const { id } of stalled) {
    const claimed = await db.$executeRawUnsafe(
      `UPDATE "Run" SET "updatedAt" = now() WHERE id = $1 AND status = 'running' AND "updatedAt" < now() - make_interval(secs => $2)`,
      id, idleSeconds,
    );
    if (claimed !== 1) continue;
    for (const open of await reconcilePhases(db, id)) await schedule(id, open.phase, open.batches);
    resumed.push(id);
  }
  return resumed;
}
