import os from "node:os";
import type PgBoss from "pg-boss";
import { logger } from "../logger";
import { createBoss, ensureQueue } from "./boss";
import { jobDefinitions } from "./registry";

export interface RunningWorker {
  boss: PgBoss;
  stop(): Promise<void>;
}

/**
 * Registers a handler for every declared job. Any number of these may run, on any number
 * of machines sharing the database; pg-boss hands each job to exactly one of them.
 */
export async function startWorker(connectionString: string, concurrency: number): Promise<RunningWorker> {
  const boss = createBoss(connectionString, "worker");
  // pg-boss errors carry the whole pg client; the message and code are what help.
  boss.on("error", (err: Error & { code?: string }) => logger.error({ message: err.message, code: err.code }, "job queue error"));
  await boss.start();
  const workerId = `${os.hostname()}:${process.pid}`;
  for (const def of jobDefinitions) {
    await ensureQueue(boss, def.name, def.retryLimit);
    const copies = def.concurrency ?? concurrency;
    for (let i = 0; i < copies; i++) {
      await boss.work(def.name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
        if (!job) return;
        const log = logger.child({ job: def.name, jobId: job.id, workerId });
        const payload = def.schema.parse(job.data);
        log.debug("job started");
        await def.handler(payload, { jobId: job.id, log });
        log.debug("job done");
      });
    }
  }
  logger.info({ workerId, jobs: jobDefinitions.map((j) => j.name) }, "worker started");
  return {
    boss,
    stop: async () => {
      // Graceful: running handlers finish (or their jobs return to the queue on timeout).
      await boss.stop({ graceful: true, wait: true, timeout: 20_000 });
      logger.info({ workerId }, "worker stopped");
    },
  };
}
