/**
 * A killed worker's jobs: active in pg-boss with nobody holding their liveness lock. A sweep
 * fails exactly those (pg-boss then retries them), never a job whose worker is alive, and
 * never a job younger than the grace (fetched, its lock not taken yet).
 */
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBoss, ensureQueue } from "./boss";
import { openJobLiveness, type JobLiveness } from "./orphans";

const QUEUE = "test.orphans";

describe("orphaned job sweep", () => {
  let boss: PgBoss;
  const opened: JobLiveness[] = [];
  const open = async () => {
    const l = await openJobLiveness(process.env.DATABASE_URL!, boss, (e) => {
      throw e;
    });
    opened.push(l);
    return l;
  };
  const fetchOne = async () => {
    await boss.send(QUEUE, {});
    const [job] = await boss.fetch(QUEUE);
    return job!.id;
  };
  const state = async (id: string) => (await boss.getJobById(QUEUE, id))?.state;

  beforeAll(async () => {
    boss = createBoss(process.env.DATABASE_URL!, "producer");
    boss.on("error", () => {});
    await boss.start();
    await ensureQueue(boss, QUEUE, 3);
  });
  afterAll(async () => {
    for (const l of opened) await l.close();
    await boss.stop({ graceful: false });
  });

  it("retries the jobs of a worker whose connection died, and only those", async () => {
    const survivor = await open();
    const victim = await open();
    const aliveJob = await fetchOne();
    const deadJob = await fetchOne();
    let release: () => void = () => {};
    const running = survivor.hold(aliveJob, () => new Promise<void>((r) => (release = r)));
    void victim.hold(deadJob, () => new Promise<void>(() => {})).catch(() => {});
    await new Promise((r) => setTimeout(r, 300)); // both handlers have taken their locks

    expect(await survivor.sweep([QUEUE], 0)).toEqual([]);
    await victim.close(); // its process is killed: Postgres drops its locks with the connection
    expect(await survivor.sweep([QUEUE], 0)).toEqual([deadJob]);
    expect(await state(deadJob)).toBe("retry");
    expect(await state(aliveJob)).toBe("active");
    // A second sweep (another worker) finds nothing more to do.
    expect(await survivor.sweep([QUEUE], 0)).toEqual([]);
    release();
    await running;
    await boss.complete(QUEUE, aliveJob); // as pg-boss does when the handler returns
  });

  it("leaves a job alone while it is younger than the grace", async () => {
    const sweeper = await open();
    const fresh = await fetchOne(); // fetched, no lock (yet)
    expect(await sweeper.sweep([QUEUE])).toEqual([]);
    expect(await state(fresh)).toBe("active");
    expect(await sweeper.sweep([QUEUE], 0)).toEqual([fresh]);
  });
});
