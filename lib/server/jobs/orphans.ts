import pg from "pg";
import type PgBoss from "pg-boss";
import { BOSS_SCHEMA } from "./boss";

/**
 * Orphaned jobs: a worker killed mid-job (SIGKILL, OOM, a lost machine) leaves its jobs
 * `active`, and pg-boss only retries them once they expire (15 minutes for a migration
 * batch, which must outlast a slow, rate-limited batch). So every running job is marked
 * alive by a session-level advisory lock on the worker's own connection: Postgres drops the
 * lock the moment that connection dies with its process. Every worker sweeps now and then for
 * active jobs whose lock nobody holds and fails them, so pg-boss retries them at once (the
 * handlers are idempotent). A lock collision (two job ids, one hash) only makes a dead job
 * look alive, leaving it to the expiry: never the other way round.
 */
const LOCK_SPACE = 0x6a6f62; // first key of every job lock ("job"), apart from other advisory locks

/** Time between the fetch of a job and its lock being taken: younger active jobs are never judged. */
export const ORPHAN_GRACE_SECONDS = 15;

export interface JobLiveness {
  /** Runs `work` with the job marked alive. */
  hold<T>(jobId: string, work: () => Promise<T>): Promise<T>;
  /** Fails the active jobs of `queues` whose worker is gone; returns their ids. */
  sweep(queues: string[], graceSeconds?: number): Promise<string[]>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `onLost` is called if the lock connection fails: this worker's jobs then look dead to the
 * others, so the caller must stop running them (the worker exits; see startWorker).
 */
export async function openJobLiveness(connectionString: string, boss: PgBoss, onLost: (error: Error) => void): Promise<JobLiveness> {
  const client = new pg.Client({ connectionString, keepAlive: true, application_name: "console-worker-liveness" });
  let closing = false;
  client.on("error", (error) => {
    if (!closing) onLost(error);
  });
  client.on("end", () => {
    if (!closing) onLost(new Error("job liveness connection ended"));
  });
  await client.connect();

  const tryLock = async (jobId: string): Promise<boolean> =>
    (await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok", [LOCK_SPACE, jobId])).rows[0]!.ok;
  const unlock = (jobId: string) => client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [LOCK_SPACE, jobId]);

  return {
    async hold(jobId, work) {
      // A sweeper may hold the lock for a moment while it checks an earlier attempt of this job.
      let locked = false;
      for (let i = 0; i < 20 && !(locked = await tryLock(jobId)); i++) await sleep(50);
      try {
        return await work();
      } finally {
        if (locked) await unlock(jobId).catch(() => {});
      }
    },

    async sweep(queues, graceSeconds = ORPHAN_GRACE_SECONDS) {
      const { rows } = await client.query<{ id: string; name: string; started: string }>(
        `SELECT j.id, j.name, j.started_on::text AS started FROM ${BOSS_SCHEMA}.job j
          WHERE j.state = 'active' AND j.name = ANY($1::text[])
            AND j.started_on < now() - make_interval(secs => $2)
            AND NOT EXISTS (
              SELECT 1 FROM pg_locks l
               WHERE l.locktype = 'advisory' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                 AND l.classid = $3::int::oid AND l.objid = hashtext(j.id::text)::oid AND l.objsubid = 2)`,
        [queues, graceSeconds, LOCK_SPACE],
      );
      const failed: string[] = [];
      for (const job of rows) {
        // Holding its lock keeps another sweeper off it; the re-read proves it is still the attempt we judged.
        if (!(await tryLock(job.id))) continue;
        try {
          const still = await client.query(`SELECT 1 FROM ${BOSS_SCHEMA}.job WHERE id = $1 AND name = $2 AND state = 'active' AND started_on::text = $3`, [job.id, job.name, job.started]);
          if (still.rowCount === 0) continue;
          await boss.fail(job.name, job.id, { message: "its worker stopped while it ran (process killed or connection lost)" });
          failed.push(job.id);
        } finally {
          await unlock(job.id).catch(() => {});
        }
      }
      return failed;
    },

    async close() {
      closing = true;
      await client.end().catch(() => {});
    },
  };
}
