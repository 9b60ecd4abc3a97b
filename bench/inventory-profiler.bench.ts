/**
 * Profiler throughput and memory. Run: npx tsx bench/inventory-profiler.bench.ts [records]
 * Streams generated contacts (unique emails, names, notes; low-cardinality picklists; dirty
 * custom properties) through one profiler and prints records/s and heap growth.
 */
import { createProfiler } from "../lib/inventory/profiler";

const n = Number(process.argv[2] ?? 100_000);
const TIERS = ["Gold", "Silver", "Bronze"];

function contact(i: number): Record<string, unknown> {
  return {
    id: `ct_${i}`,
    first_name: `First${i % 5000}`,
    last_name: `Last${i}`,
    email: i % 50 === 0 ? `broken${i}@` : `person${i}@example.com`,
    phone: `+1 (555) ${String(i % 1000).padStart(3, "0")}-${String(i % 10_000).padStart(4, "0")}`,
    address: { city: `City${i % 300}`, postal_code: String(10_000 + (i % 90_000)), country: "CA" },
    company_id: i % 7 ? `co_${i % 2000}` : null,
    lifecycle_status: ["lead", "customer", "churned"][i % 3],
    created_at: new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString(),
    custom_properties: {
      hcn: `${String(1000 + (i % 9000))}-${String(i % 1000).padStart(3, "0")}-${String(i % 997).padStart(3, "0")}-AB`,
      tier: TIERS[i % 3],
      visits: i % 11 === 0 ? String(i % 40) : i % 97 === 0 ? "twelve" : i % 40,
      allergies: i % 5 ? ["penicillin", "latex", "nuts"].slice(0, i % 3) : [],
      intake_note: `Patient seen ${i}. Follow-up in ${i % 12} weeks.\nNo acute symptoms.`,
    },
  };
}

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage().heapUsed;
const t0 = performance.now();
const profiler = createProfiler("contact", [{ key: "hcn", label: "Health card number" }]);
let peak = before;
for (let i = 0; i < n; i++) {
  profiler.add(contact(i));
  if (i % 20_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
}
const tAdd = performance.now() - t0;
const profiles = profiler.finish();
const tAll = performance.now() - t0;
gc?.();
const after = process.memoryUsage().heapUsed;

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
console.log(`records:        ${n}`);
console.log(`fields:         ${profiles.length}`);
console.log(`add:            ${tAdd.toFixed(0)} ms (${Math.round(n / (tAdd / 1000))} records/s)`);
console.log(`finish:         ${(tAll - tAdd).toFixed(0)} ms`);
console.log(`heap growth:    ${mb(after - before)} retained, peak sample ${mb(peak - before)}${gc ? "" : " (run with --expose-gc for exact figures)"}`);
for (const p of profiles) {
  console.log(
    `  ${p.path.padEnd(32)} ${p.inferredType.padEnd(11)} conf ${p.typeConfidence.toFixed(3)} distinct ${String(p.distinct).padStart(6)}${p.distinctCapped ? "+" : " "} ${p.sensitive ? "SENSITIVE " : ""}${p.anomalies.map((a) => `${a.kind}:${a.count}`).join(" ")}`,
  );
}
