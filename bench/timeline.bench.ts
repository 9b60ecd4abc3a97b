/**
 * Bench: the run page's time left against the run's real end. A full run on the rate-limited
 * Freshsales emulator on the compressed clock (Growth ×720 by default: the plan's hour in five
 * real seconds), the page's figure (`runProgress`) polled as it goes.
 *   DATABASE_URL=postgres://… npx tsx bench/timeline.bench.ts [--total 10000] [--plan growth] [--scale 720]
 * Prints one JSON object: the predicted total time (elapsed + time left) at 10 %, 25 % and 50 %
 * done against the actual, error target ≤ 10 % from 25 % on, and the share of polls from a
 * quarter done on whose range held the real time left.
 */
import { parseArgs } from "node:util";
import { requireBenchDatabase } from "./bench-env";

const { values } = parseArgs({ options: { total: { type: "string", default: "10000" }, plan: { type: "string", default: "growth" }, scale: { type: "string", default: "720" }, workers: { type: "string", default: "2" } } });
requireBenchDatabase(undefined, "silent");

const { db } = await import("@/lib/server/db");
const { sampleAt, timeLeftRun } = await import("@/test/support/time-left-run");

const plan = values.plan === "enterprise" ? "enterprise" : "growth";
const run = await timeLeftRun(db(), { total: Number(values.total), plan, clockScale: Number(values.scale), workers: Number(values.workers), sampleMs: 250 });
const TARGET = 0.1;
const at = (fraction: number) => {
  const s = sampleAt(run.samples, fraction);
  if (!s) return null;
  const predictedTotal = s.elapsed + s.seconds;
  const error = Math.abs(predictedTotal - run.totalSeconds) / run.totalSeconds;
  return {
    done: Math.round(s.done * 1000) / 1000,
    elapsedSeconds: round(s.elapsed),
    predictedTotalSeconds: round(predictedTotal),
    rangeSeconds: [round(s.elapsed + s.lowSeconds), round(s.elapsed + s.highSeconds)],
    actualTotalSeconds: round(run.totalSeconds),
    error: Math.round(error * 1000) / 1000,
    ...(fraction >= 0.25 ? { target: TARGET, met: error <= TARGET } : { target: "none before 25 %" }),
    basis: s.basis,
    retryRate: Math.round(s.retryRate * 1000) / 1000,
  };
};
const checked = run.samples.filter((s) => s.done >= 0.25 && s.done < 0.9);
console.log(JSON.stringify({
  records: Number(values.total),
  plan,
  clockScale: Number(values.scale),
  totalSeconds: round(run.totalSeconds),
  calls: run.calls,
  rateLimited429: run.rateLimited,
  polls: run.samples.length,
  predictedTotal: { at10: at(0.1), at25: at(0.25), at50: at(0.5) },
  rangeHeld: { polls: checked.length, withinRange: checked.filter((s) => s.actualLeft >= s.lowSeconds && s.actualLeft <= s.highSeconds).length, window: "25 % to 90 % done" },
}, null, 2));
await db().$disconnect();

function round(n: number) {
  return Math.round(n * 100) / 100;
}
