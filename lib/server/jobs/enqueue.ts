import type PgBoss from "pg-boss";
import type { z } from "zod";
import { env } from "../env";
import { createBoss, ensureQueue } from "./boss";
import type { JobDefinition } from "./types";

const globalForBoss = globalThis as unknown as { producer?: Promise<PgBoss> };

function producer(): Promise<PgBoss> {
  globalForBoss.producer ??= (async () => {
    const boss = createBoss(env().DATABASE_URL, "producer");
    boss.on("error", () => {});
    await boss.start();
    return boss;
  })();
  return globalForBoss.producer;
}

/**
 * Validates the payload against the job's schema and queues it. Call after the transaction
 * that created the work has committed, so a worker never picks up a job for missing rows.
 */
export async function enqueue<S extends z.ZodType>(
  job: JobDefinition<S>,
  payload: z.infer<S>,
  options: PgBoss.SendOptions = {},
): Promise<string | null> {
  const data = job.schema.parse(payload) as object;
  const boss = await producer();
  await ensureQueue(boss, job.name, job.retryLimit);
  return boss.send(job.name, data, options);
}
