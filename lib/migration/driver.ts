/**
 * Drives a run to its end in this process with `workers` concurrent batch runners: the same
 * batch and advance functions the pg-boss jobs call, for tests, the benchmark and the CLI.
 * A batch that throws (a killed worker, an exhausted retry) is simply run again.
 */
import { advance, loadRun, processBatch } from "./engine";
import type { EngineDeps } from "./types";

export interface DriveOptions {
  workers?: number;
  /** Gives up after this many rounds without progress (a bug, not a slow API). */
  maxRounds?: number;
  onError?: (error: unknown) => void;
  /** Called after each round with the phase and its real duration (bench figures). */
  onPhase?: (phase: string, batches: number, ms: number) => void;
}

export async function driveRun(depsFor: (worker: number) => EngineDeps, runId: string, options: DriveOptions = {}): Promise<void> {
  const workers = options.workers ?? 1;
  const db = depsFor(0).db;
  for (let round = 0; round < (options.maxRounds ?? 10_000); round++) {
    const { run, stats } = await loadRun(db, runId);
    if (run.status !== "running" || stats.phase === "done") return;
    const phase = stats.phase;
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        const deps = depsFor(w);
        while (next < stats.batches) {
          const batch = next++;
          try {
            await processBatch(deps, runId, phase, batch);
          } catch (error) {
            options.onError?.(error);
          }
        }
      }),
    );
    await advance(db, runId, phase);
    options.onPhase?.(phase, stats.batches, performance.now() - started);
  }
  throw new Error(`run ${runId} did not finish`);
}
