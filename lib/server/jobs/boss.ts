import PgBoss from "pg-boss";

/** pg-boss's tables live in their own schema of the console's database. */
export const BOSS_SCHEMA = "pgboss";

/**
 * pg-boss on the console's own database (schema `pgboss`). `role` decides what this
 * process does: a producer (the web server) only sends; a worker also supervises,
 * expires and schedules.
 */
export function createBoss(connectionString: string, role: "producer" | "worker"): PgBoss {
  return new PgBoss({
    connectionString,
    schema: BOSS_SCHEMA,
    max: role === "worker" ? 6 : 3,
    supervise: role === "worker",
    schedule: role === "worker",
    migrate: true,
    application_name: `console-${role}`,
  });
}

/**
 * Creating a queue that exists is a no-op for us (another process may have made it). Two
 * workers started at once on a new database create the same queues together, and Postgres
 * may cancel one of them as a deadlock before the other's queue is committed: the loser looks
 * again after a pause, rather than exiting.
 */
export async function ensureQueue(boss: PgBoss, name: string, retryLimit = 3): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(name)) return;
    try {
      await boss.createQueue(name, { name, retryLimit, retryDelay: 2, retryBackoff: true });
      return;
    } catch (e) {
      if (attempt >= 5) {
        if (await boss.getQueue(name)) return;
        throw e;
      }
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}
