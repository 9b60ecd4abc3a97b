/**
 * Drives a run to its end in this process, exactly as the pg-boss jobs do: a queue of
 * (phase, batch) tasks; a settled batch calls `advance`, and the phases it starts join the
 * queue, so phases overlap as their dependencies allow. `workers` connections each run
 * `batchesPerWorker` batches at a time (tests, the benchmark, the CLI). A batch that throws (a
 * killed worker, an exhausted retry) or leaves an outcome unknown is queued again.
 */
import { advance, loadRun, openPhases, processBatch } from "./engine";
import { isUpsertPhase, phasePlan, phasePriority } from "./phases";
import type { EngineDeps } from "./types";

export interface DriveOptions {
  workers?: number;
  /** Batches one worker runs side by side (pg-boss: the worker's concurrency). Default 1. */
  batchesPerWorker?: number;
  /** Gives up after this many sweeps without the run finishing (a bug, not a slow API). */
  maxRounds?: number;
  onError?: (error: unknown) => void;
  /** Called once per phase when it is done, with its batch count and real time from its start (bench figures). */
  onPhase?: (phase: string, batches: number, ms: number) => void;
}


interface Task {
  phase: string;
  batch: number;
  rank: number;
}

export async function driveRun(depsFor: (worker: number) => EngineDeps, runId: string, options: DriveOptions = {}): Promise<void> {
  const workers = options.workers ?? 1;
  const perWorker = options.batchesPerWorker ?? 1;
  const db = depsFor(0).db;
  const { settings } = await loadRun(db, runId);
  // The same order as the jobs' pg-boss priority: the phases later ones wait for first.
  const rank = new Map(phasePlan(settings).map((p) => [p.key, -phasePriority(p.key)]));
  const queue: Task[] = [];
  const phaseStart = new Map<string, { at: number; batches: number }>();
  const reported = new Set<string>();
  const enqueue = (phase: string, batches: number) => {
    if (!phaseStart.has(phase)) phaseStart.set(phase, { at: performance.now(), batches });
    for (let batch = 0; batch < batches; batch++) queue.push({ phase, batch, rank: rank.get(phase) ?? 0 });
    queue.sort((a, b) => a.rank - b.rank || a.batch - b.batch);
  };
  const phaseDoneSeen = (phase: string) => {
    const s = phaseStart.get(phase);
    if (s && !reported.has(phase)) {
      reported.add(phase);
      options.onPhase?.(phase, s.batches, performance.now() - s.at);
    }
  };

  for (let round = 0; round < (options.maxRounds ?? 10_000); round++) {
    const { run, stats } = await loadRun(db, runId);
    if (run.status !== "running") return;
    const open = openPhases(stats);
    if (open.length === 0) return;
    for (const p of open) enqueue(p.phase, p.batches);
    let waiting: (() => void)[] = [];
    let inFlight = 0;
    const attempts = new Map<string, number>();
    // Queued again at the back, a bounded number of times per round; the next round's sweep takes over after that.
    const retry = (task: Task) => {
      const key = `${task.phase}:${task.batch}`;
      const n = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, n);
      if (n < 50) queue.push(task);
    };
    // Upsert batches (accounts, contacts, deals) are few calls and much waiting on the engine
    // and the bulk jobs; two runners are kept for create batches while any are queued, enough
    // to keep the rate budget busy, and the rest push the upserts the creates wait for.
    let upserting = 0;
    const cap = Math.max(1, workers * perWorker - 2);
    const takeNext = (): Task | undefined => {
      const i = upserting >= cap ? queue.findIndex((t) => !isUpsertPhase(t.phase)) : 0;
      return queue.splice(i < 0 ? 0 : i, 1)[0];
    };
    const runner = async (deps: EngineDeps): Promise<void> => {
      for (;;) {
        const task = takeNext();
        if (!task) {
          if (inFlight === 0) return;
          // Another runner's batch may start a phase: wait for it to finish.
          await new Promise<void>((resolve) => waiting.push(resolve));
          continue;
        }
        inFlight++;
        const upsert = isUpsertPhase(task.phase);
        if (upsert) upserting++;
        try {
          const settled = await processBatch(deps, runId, task.phase, task.batch);
          if (!settled) retry(task);
          else {
            const next = await advance(db, runId, task.phase, task.batch);
            if (next) {
              phaseDoneSeen(task.phase);
              for (const s of next.started) enqueue(s.phase, s.batches);
            }
          }
        } catch (error) {
          options.onError?.(error);
          retry(task);
        } finally {
          inFlight--;
          if (upsert) upserting--;
          const woken = waiting;
          waiting = [];
          for (const w of woken) w();
        }
      }
    };
    await Promise.all(Array.from({ length: workers * perWorker }, (_, i) => runner(depsFor(i % workers))));
  }
  throw new Error(`run ${runId} did not finish`);
}
