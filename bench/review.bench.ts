/**
 * Figures for the Map step's server and table work at scale (not a test: run it and read them).
 *   npx tsx bench/review.bench.ts [customFieldsPerObject=400]
 * Proposals over a synthetic inventory, the review table's filtering (what each keystroke in the
 * search box costs), the approval hash, and the preflight checks.
 */
import { faker } from "@faker-js/faker";
import type { FieldProfile, FreshsalesFieldType, SourceObject } from "@/lib/inventory/types";
import { DESTINATION_METADATA } from "@/test/fixtures/mapping/destination-metadata";
import { makeProfile } from "@/test/fixtures/mapping/make-profile";
import { versionHash } from "@/lib/mapping/version-hash";
import { filterMappings, NO_FILTER } from "../lib/mapping/review/field-table-model";
import { checkPreflight } from "../lib/mapping/review/preflight-checks";
import { buildProposals, DEFAULT_ROUTING } from "../lib/mapping/review/propose";

faker.seed(7);
const perObject = Number(process.argv[2] ?? 400);
const TYPES: FreshsalesFieldType[] = ["text", "number", "date", "dropdown", "checkbox", "phone", "email"];
const OBJECTS: SourceObject[] = ["company", "contact", "deal"];
const profiles: FieldProfile[] = [];
for (const object of OBJECTS) {
  for (let i = 0; i < perObject; i++) {
    const type = TYPES[i % TYPES.length] ?? "text";
    profiles.push(makeProfile(object, `custom_properties.${faker.word.adjective()}_${faker.word.noun()}_${i}`, type, type === "dropdown" ? { values: faker.helpers.multiple(() => faker.word.noun(), { count: 8 }) } : {}));
  }
}
const metadata = DESTINATION_METADATA;
const users = Array.from({ length: 80 }, (_, i) => ({ id: `u${i}`, email: `user${i}@example.com`, first_name: "U", last_name: String(i), active: true }));
const ownedCounts = Object.fromEntries(users.map((u) => [u.id, { contact: 100, deal: 20 }]));

function time<T>(label: string, runs: number, fn: () => T): T {
  let out = fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) out = fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / runs;
  console.log(`${label}: ${ms.toFixed(2)} ms`);
  return out;
}

const drafts = time(`buildProposals, ${profiles.length} source fields (mean of 3)`, 3, () => buildProposals({ profiles, metadata, users, ownedCounts, pipelines: [] }, { routing: DEFAULT_ROUTING }));
const mappings = drafts.fieldMap.mappings;
time(`filterMappings, search "date" over ${mappings.length} mappings (mean of 50)`, 50, () => filterMappings(mappings, { ...NO_FILTER, search: "date" }));
time(`filterMappings, object + band + status over ${mappings.length} (mean of 50)`, 50, () => filterMappings(mappings, { search: "", object: "contact", band: "medium", status: "undecided" }));
time(`versionHash of the field map, ${(JSON.stringify(drafts.fieldMap).length / 1024).toFixed(0)} KB JSON (mean of 10)`, 10, () => versionHash(drafts.fieldMap));
const approved = { ...drafts, fieldMap: { ...drafts.fieldMap, mappings: mappings.map((m) => ({ ...m, status: "accepted" as const })) }, versions: { fieldMap: "", routing: "", stageMap: "", owners: "" } };
const empty = { contacts: { matching: 0, examples: [] }, accounts: { matching: 0, examples: [] }, scanned: { contacts: 0, accounts: 0 }, complete: true };
const result = time(`checkPreflight over ${mappings.length} mappings (mean of 10)`, 10, () => checkPreflight({ approved, metadata, duplicates: { groups: 0, extraContacts: 0, examples: [] }, existing: empty }));
console.log(`preflight would list ${result.toCreate.fields.length} fields to create and ${result.toCreate.choices.length} choice sets`);
