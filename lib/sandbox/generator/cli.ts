import { parseArgs } from "node:util";
import { DIRTY_CASES, type DirtyCase } from "./config";
import { writeDataset } from "./write-dataset";

/**
 * npx tsx lib/sandbox/generator/cli.ts --seed 1 --total 10000 --out /tmp/x
 *   [--no-content] [--rate malformed_email=0.05 ...]
 */
const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "1" },
    total: { type: "string", default: "1000" },
    out: { type: "string" },
    "no-content": { type: "boolean", default: false },
    rate: { type: "string", multiple: true, default: [] },
  },
});

if (!values.out) {
  console.error("usage: cli.ts --seed <n> --total <n> --out <dir> [--no-content] [--rate case=0.05]");
  process.exit(2);
}
const dirtyRates: Partial<Record<DirtyCase, number>> = {};
for (const pair of values.rate ?? []) {
  const [name, rate] = pair.split("=");
  if (!name || !DIRTY_CASES.includes(name as DirtyCase) || rate === undefined) {
    console.error(`bad --rate ${pair}; cases: ${DIRTY_CASES.join(", ")}`);
    process.exit(2);
  }
  dirtyRates[name as DirtyCase] = Number(rate);
}
const started = Date.now();
const summary = await writeDataset(
  { seed: Number(values.seed), total: Number(values.total), dirtyRates },
  values.out,
  { attachmentContent: !values["no-content"] },
);
console.log(JSON.stringify({ ...summary, seconds: (Date.now() - started) / 1000 }, null, 2));
