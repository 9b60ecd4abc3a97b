/**
 * Figures for the mapping engine (not a test: run it and read the numbers), printed as JSON:
 * proposal quality per fixture, with every wrong proposal, then throughput.
 *   npm run bench -- mapping          (or: npx tsx lib/mapping/bench/mapping-bench.ts [customFieldsPerObject=300])
 */
import { faker } from "@faker-js/faker";
import type { FieldProfile, FreshsalesFieldType, SourceObject } from "@/lib/inventory/types";
import { DESTINATION } from "@/test/fixtures/mapping/destination-schema";
import { SEEN } from "@/test/fixtures/mapping/labelled-fields";
import { makeProfile } from "@/test/fixtures/mapping/make-profile";
import { proposeFieldMap } from "@/lib/mapping/propose-field-map";
import { compileTransform } from "@/lib/mapping/transforms/apply-transform";
import { qualityFigures } from "./mapping/mapping-quality";

faker.seed(42);
const perObject = Number(process.argv[2] ?? 300);
const TYPES: FreshsalesFieldType[] = ["text", "number", "date", "dropdown", "checkbox", "phone", "email"];
const OBJECTS: SourceObject[] = ["company", "contact", "deal"];

const targets = { accuracy: ">= 0.90", precisionAt80: ">= 0.95", wrongAt90: "0" };
console.log(JSON.stringify({ quality: { targets, figures: qualityFigures() } }, null, 2));

const profiles: FieldProfile[] = [...new Set(SEEN.map((l) => l.profile))];
for (const object of OBJECTS) {
  for (let i = 0; i < perObject; i++) {
    const key = `${faker.word.adjective()}_${faker.word.noun()}_${i}`;
    const type = TYPES[i % TYPES.length] ?? "text";
    profiles.push(makeProfile(object, `custom_properties.${key}`, type, type === "dropdown" ? { values: faker.helpers.multiple(() => faker.word.noun(), { count: 8 }) } : {}));
  }
}

const throughput: Record<string, string> = {};
function time<T>(label: string, fn: () => T, per?: { n: number; unit: string }): T {
  const start = process.hrtime.bigint();
  const out = fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rate = per ? `, ${Math.round((per.n / ms) * 1000).toLocaleString("en")} ${per.unit}/s` : "";
  throughput[label] = `${ms.toFixed(1)} ms${rate}`;
  return out;
}

const result = time(`proposeFieldMap, ${profiles.length} source fields x ${DESTINATION.length} destination fields`, () => proposeFieldMap(profiles, DESTINATION), { n: profiles.length, unit: "fields" });
const decisions: Record<string, number> = {};
for (const m of result.mappings) decisions[m.decision.kind] = (decisions[m.decision.kind] ?? 0) + 1;

const N = 200_000;
const values = {
  amount: Array.from({ length: N }, (_, i) => `${i}.${i % 1000}`),
  datetime: Array.from({ length: N }, (_, i) => new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString().replace("Z", "+02:00")),
  phone: Array.from({ length: N }, (_, i) => `020 7946 ${String(i % 10_000).padStart(4, "0")}`),
  text: Array.from({ length: N }, (_, i) => "x".repeat(i % 400)),
};
const ctx = { field: "bench" };
const run = (label: string, spec: Parameters<typeof compileTransform>[0], input: string[]) => {
  const t = compileTransform(spec);
  time(`transform ${label}`, () => input.forEach((v) => t(v, ctx)), { n: input.length, unit: "values" });
};
run("amount (3 decimals → rounded)", { kind: "amount" }, values.amount);
run("datetime (offset → UTC)", { kind: "datetime" }, values.datetime);
run("date in Europe/Berlin", { kind: "date", timeZone: "Europe/Berlin" }, values.datetime);
run("phone E.164 (+44)", { kind: "phone", normalise: true, defaultCallingCode: "44" }, values.phone);
run("text truncation at 255", { kind: "text", maxLength: 255 }, values.text);
console.log(JSON.stringify({ throughput, decisions }, null, 2));
