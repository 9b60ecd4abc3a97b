import os from "node:os";
import type PgBoss from "pg-boss";
import { logger } from "../logger";
import { createBoss, ensureQueue } from "./boss";
import { openJobLiveness } from "./orphans";
import type { JobDefinition } from "./types";

/** How often a worker looks for jobs left active by a killed worker (see orphans.ts). */
const ORPHAN_SWEEP_MS = 5_000;

/** A repair no job would otherwise make, run after each orphaned-job sweep; answers what it repaired. */
export interface PeriodicCheck {
  name: string;
  run: () => Promise<string[]>;
}

export interface RunningWorker {
  boss: PgBoss;
  stop(): Promise<void>;
}

/**
 * Registers a handler for every declared job. Any number of these may run, on any number
 * of machines sharing the database; pg-boss hands each job to exactly one of them.
 */
export async function startWorker(connectionString: string, concurrency: number, jobDefinitions: readonly JobDefinition[], periodicChecks: readonly PeriodicCheck[]): Promise<RunningWorker> {
  const boss = createBoss(connectionString, "worker");
  // pg-boss errors carry the whole pg client; the message and code are what help.
  boss.on("error", (err: Error & { code?: string }) => logger.error({ message: err.message, code: err.code }, "job queue error"));
  await boss.start();
  const workerId = `${os.hostname()}:${process.pid}`;
  const liveness = await openJobLiveness(connectionString, boss, (error) => {
    // Our jobs' locks are gone, so other workers will retry them: running on would run them
    // twice at once. Exit as if killed; the jobs are retried elsewhere (handlers are idempotent).
    logger.fatal({ workerId, message: error.message }, "job liveness connection lost; exiting");
    process.exit(1);
  });
  for (const def of jobDefinitions) {
    await ensureQueue(boss, def.name, def.retryLimit);
    const copies = def.concurrency ?? concurrency;
    for (let i = 0; i < copies; i++) {
      await boss.work(def.name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
        if (!job) return;
        const log = logger.child({ job: def.name, jobId: job.id, workerId });
        const payload = def.schema.parse(job.data);
        log.debug("job started");
        await liveness.hold(job.id, () => def.handler(payload, { jobId: job.id, log }));
        log.debug("job done");
      });
    }
  }
  const queues = jobDefinitions.map((j) => j.name);
  const sweep = async () => {
    try {
      const ids = await liveness.sweep(queues);
      if (ids.length > 0) logger.warn({ workerId, jobIds: ids }, "retrying jobs whose worker stopped while they ran");
    } catch (error) {
      logger.error({ workerId, message: (error as Error).message }, "orphaned job sweep failed");
    }
    for (const check of periodicChecks) {
      try {
        const repaired = await check.run();
        if (repaired.length > 0) logger.warn({ workerId, check: check.name, repaired }, "periodic check repaired");
      } catch (error) {
        logger.error({ workerId, check: check.name, message: (error as Error).message }, "periodic check failed");
      }
    }
  };
  // At start (a restarted worker picks up what its predecessor left) and then now and then.
  await sweep();
  const sweeper = setInterval(() => void sweep(), ORPHAN_SWEEP_MS);
  logger.info({ workerId, jobs: queues }, "worker started");
  return {
    boss,
    stop: async () => {
      clearInterval(sweeper);
      // Graceful: running handlers finish (or their jobs return to the queue on timeout).
      await boss.stop({ graceful: true, wait: true, timeout: 20_000 });
      await liveness.close();
      logger.info({ workerId }, "worker stopped");
    },
  };
}
