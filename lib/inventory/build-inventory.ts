import type { Db } from "@/lib/server/db";
import { createProfiler } from "./profiler";
import type { CatalogueEntry, InventoryFieldProfile, SourceObject } from "./types";

/** Staging collection -> the inventory's source object. */
export const OBJECT_FOR_COLLECTION: Record<string, SourceObject> = {
  users: "user",
  companies: "company",
  contacts: "contact",
  pipelines: "pipeline",
  deals: "deal",
  activities: "activity",
  attachments: "attachment",
  products: "product",
};

export interface InventoryCounts {
  /** Live records (soft-deleted ones are counted apart: they are not migrated). */
  records: number;
  deleted: number;
  problems: number;
}

export interface StoredInventory {
  migrationId: string;
  runId: string;
  counts: Record<string, InventoryCounts>;
  profiles: InventoryFieldProfile[];
  catalogue: CatalogueEntry[];
  workflows: unknown[];
}

const BATCH = 1000;

/** Staged rows of one collection in id order, `BATCH` at a time: never the whole set in memory. */
export async function* stagedRecords(db: Db, migrationId: string, collection: string, options: { includeDeleted?: boolean } = {}) {
  let after: string | undefined;
  for (;;) {
    const rows = await db.stagedRecord.findMany({
      where: {
        migrationId,
        collection,
        ...(options.includeDeleted ? {} : { deleted: false }),
        ...(after !== undefined ? { sourceId: { gt: after } } : {}),
      },
      orderBy: { sourceId: "asc" },
      take: BATCH,
      select: { sourceId: true, data: true },
    });
    for (const row of rows) yield row.data as Record<string, unknown>;
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1]?.sourceId;
  }
}

async function collect<T>(source: AsyncIterable<Record<string, unknown>>, map: (r: Record<string, unknown>) => T | null): Promise<T[]> {
  const out: T[] = [];
  for await (const r of source) {
    const v = map(r);
    if (v !== null) out.push(v);
  }
  return out;
}

/**
 * Profiles every staged object with the inventory profiler (fed in batches from staging) and
 * stores the result, replacing any earlier inventory of the migration. Idempotent.
 */
export async function buildInventory(db: Db, migrationId: string, runId: string): Promise<StoredInventory> {
  const catalogue = await collect(stagedRecords(db, migrationId, "custom-properties"), (r) =>
    typeof r.key === "string"
      ? { key: r.key, label: typeof r.label === "string" && r.label ? r.label : r.key, ...(typeof r.object === "string" ? { object: r.object } : {}) }
      : null,
  );
  const workflows = await collect(stagedRecords(db, migrationId, "workflows"), (r) => r);
  // Workflows in the order the source listed them (updated_at), which is how admins know them.
  workflows.sort((a, b) => String(a.updated_at ?? "").localeCompare(String(b.updated_at ?? "")));

  const profiles: InventoryFieldProfile[] = [];
  for (const [collection, object] of Object.entries(OBJECT_FOR_COLLECTION)) {
    const profiler = createProfiler(object, catalogue);
    for await (const record of stagedRecords(db, migrationId, collection)) profiler.add(record);
    if (profiler.count > 0 || catalogue.some((e) => e.object === object)) profiles.push(...profiler.finish());
  }

  const counts: Record<string, InventoryCounts> = {};
  const grouped = await db.stagedRecord.groupBy({ by: ["collection", "deleted"], where: { migrationId }, _count: { _all: true } });
  for (const g of grouped) {
    const c = (counts[g.collection] ??= { records: 0, deleted: 0, problems: 0 });
    if (g.deleted) c.deleted += g._count._all;
    else c.records += g._count._all;
  }
  const problems = await db.extractionProblem.groupBy({ by: ["collection"], where: { migrationId, runId }, _count: { _all: true } });
  for (const p of problems) (counts[p.collection] ??= { records: 0, deleted: 0, problems: 0 }).problems = p._count._all;

  const data = {
    runId,
    counts: counts as object,
    profiles: profiles as unknown as object,
    catalogue: catalogue as unknown as object,
    workflows: workflows as unknown as object,
  };
  await db.inventory.upsert({ where: { migrationId }, create: { migrationId, ...data }, update: { ...data, createdAt: new Date() } });
  return { migrationId, runId, counts, profiles, catalogue, workflows };
}
