import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeExtractionPool } from "@/lib/extraction/pg-pool";
import { compareWithDataset, createMigrationFixture, createRun, extractFromSandbox, tempFileStore } from "@/test/support/extraction";
import { db } from "@/lib/server/db";
import { CATALOGUE, MIXED_KEY, UNKNOWN_KEY } from "@/lib/sandbox/generator/custom-properties";
import { startVisualPracticeServer, type VisualPracticeServer } from "@/lib/sandbox/visual-practice/server";
import { buildInventory } from "./build-inventory";
import { loadInventory } from "./inventory-data";
import type { FreshsalesFieldType } from "./types";

// The inventory built from staging, checked against what the generator labels: its catalogue
// and the value shapes it generates for each custom property.
const TYPE_OF_SHAPE: Record<(typeof CATALOGUE)[number]["shape"]["kind"], FreshsalesFieldType> = {
  text: "text",
  date: "date",
  choice: "dropdown",
  multi: "multiselect",
  numeric_string: "number",
  number: "number",
  boolean: "checkbox",
};

const COLLECTION_OF = { contact: "contacts", company: "companies", deal: "deals" } as const;

function generatedValues(object: keyof typeof COLLECTION_OF, key: string): Set<string> {
  const ds = vp.dataset;
  const collection = COLLECTION_OF[object];
  const out = new Set<string>();
  for (let i = 0; i < ds.count(collection); i++) {
    const record = ds.record(collection, i);
    if (record.deleted_at) continue;
    const value = (record.custom_properties as Record<string, unknown> | null | undefined)?.[key];
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === "string" && v !== "") out.add(v);
  }
  return out;
}

let vp: VisualPracticeServer;
let files: Awaited<ReturnType<typeof tempFileStore>>;
let fixture: Awaited<ReturnType<typeof createMigrationFixture>>;
let runId: string;

beforeAll(async () => {
  vp = await startVisualPracticeServer({ seed: 5, total: 4000, ratePerSecond: false, hugeAttachmentBytes: 16 * 1024 });
  files = await tempFileStore();
  fixture = await createMigrationFixture("inventory");
  runId = (await createRun(fixture.organizationId, fixture.migrationId)).id;
  await extractFromSandbox(vp, fixture, runId, { fileStore: files.store });
});

afterAll(async () => {
  await vp.close();
  await closeExtractionPool();
  await rm(files.dir, { recursive: true, force: true });
});

describe("inventory built from staging", () => {
  it("counts live and soft-deleted records per collection", async () => {
    const inventory = (await loadInventory(db(), fixture.organizationId, fixture.migrationId))!;
    const ds = vp.dataset;
    const deleted = ds.indicesWithCase("contacts", "soft_deleted").length;
    expect(deleted).toBeGreaterThan(0);
    expect(inventory.counts.contacts).toMatchObject({ records: ds.count("contacts") - deleted, deleted });
    expect(inventory.catalogue).toHaveLength(CATALOGUE.length);
    expect(inventory.workflows).toHaveLength(ds.count("workflows"));
    // Soft-deleted records are not migrated, so they are not profiled either.
    expect(inventory.profiles.find((p) => p.object === "contact" && p.path === "id")?.total).toBe(ds.count("contacts") - deleted);
  });

  it("infers the Freshsales type of every catalogued custom property from the generated values", async () => {
    const { profiles } = (await loadInventory(db(), fixture.organizationId, fixture.migrationId))!;
    const wrong: string[] = [];
    for (const property of CATALOGUE) {
      const profile = profiles.find((p) => p.object === property.object && p.path === `custom_properties.${property.key}`);
      expect(profile, `${property.object}.${property.key}`).toBeDefined();
      expect(profile?.label).toBe(property.label);
      expect(profile?.inCatalogue).toBe(true);
      if (profile?.inferredType !== TYPE_OF_SHAPE[property.shape.kind]) {
        wrong.push(`${property.object}.${property.key}: ${profile?.inferredType} (expected ${TYPE_OF_SHAPE[property.shape.kind]})`);
      }
      if (property.shape.kind === "choice" || property.shape.kind === "multi") {
        // The picklist to create is what the live records hold (a subset of the catalogue's choices).
        const generated = generatedValues(property.object, property.key);
        expect(new Set(profile?.dropdownValues), property.key).toEqual(generated);
        for (const v of generated) expect(property.shape.values).toContain(v);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("flags mixed shapes, unknown keys and health data", async () => {
    const { profiles } = (await loadInventory(db(), fixture.organizationId, fixture.migrationId))!;
    const get = (object: string, key: string) => profiles.find((p) => p.object === object && p.path === `custom_properties.${key}`);
    expect(vp.dataset.indicesWithCase("contacts", "mixed_custom_shape").length).toBeGreaterThan(0);
    expect(get("contact", MIXED_KEY.contact)?.anomalies.map((a) => a.kind)).toContain("mixed_types");
    expect(get("contact", UNKNOWN_KEY)?.inCatalogue).toBe(false);
    expect(get("contact", "health_card_number")?.sensitive).toBe(true);
    expect(get("contact", "date_of_birth")?.sensitive).toBe(true);
    expect(profiles.find((p) => p.object === "contact" && p.path === "email")?.anomalies.map((a) => a.kind)).toContain("invalid_email");
  });

  it("rebuilds idempotently from the same staging", async () => {
    const before = await compareWithDataset(vp.dataset, fixture.migrationId, runId);
    const again = await buildInventory(db(), fixture.migrationId, runId);
    const stored = (await loadInventory(db(), fixture.organizationId, fixture.migrationId))!;
    expect(stored.profiles.length).toBe(again.profiles.length);
    expect(stored.counts).toEqual(again.counts);
    expect(before.every((c) => c.missing.length === 0)).toBe(true);
  });
});
