/**
 * Prints how long an estimate takes, so a regression (say, re-validating the catalogue on
 * every request) shows up as a number. Run: npx tsx bench/estimator.bench.ts
 */
import { performance } from "node:perf_hooks";

const t0 = performance.now();
const { listPlatforms } = await import("../lib/estimator/catalogue/platform-catalogue");
const { computeEstimate } = await import("../lib/estimator/estimate");
const { DEFAULT_INPUT, serialiseEstimateParams } = await import("../lib/estimator/estimate-input");
const { parseEstimateParams } = await import("../lib/estimator/estimate-params");
const loadMs = performance.now() - t0;

const platforms = listPlatforms("crm");
const inputs = platforms.flatMap((s) =>
  platforms
    .filter((d) => d.id !== s.id && d.roles.includes("destination"))
    .map((d, i) => ({
      ...DEFAULT_INPUT,
      source: s.id,
      destination: d.id,
      plan: d.defaultPlan,
      counts: { ...DEFAULT_INPUT.counts, contact: 1_000 * (i + 1) ** 3 },
    })),
);

function bench(name: string, iterations: number, fn: (i: number) => unknown) {
  for (let i = 0; i < 200; i++) fn(i);
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn(i);
  const ms = performance.now() - start;
  console.log(`${name.padEnd(34)} ${(iterations / (ms / 1000)).toFixed(0).padStart(8)} ops/s  ${((ms * 1000) / iterations).toFixed(1)} µs/op`);
}

console.log(`import + zod validation of catalogue and pairs: ${loadMs.toFixed(1)} ms (once per process; includes tsx transpiling)`);
console.log(`${inputs.length} platform pairs`);
bench("computeEstimate (all pairs)", 20_000, (i) => computeEstimate(inputs[i % inputs.length] ?? DEFAULT_INPUT));
const urls = inputs.map((input) => serialiseEstimateParams(input).toString());
bench("parse URL params", 20_000, (i) => parseEstimateParams(new URLSearchParams(urls[i % urls.length])));
bench("serialise URL params", 20_000, (i) => serialiseEstimateParams(inputs[i % inputs.length] ?? DEFAULT_INPUT));
