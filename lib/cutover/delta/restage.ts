/**
 * A changed source record replaces its staged copy (data, hash, updated_at), the same row
 * shape the extraction writes, so the engine reads the new values from staging.
 */
import { recordHash } from "@/lib/extraction/canonical-hash";
import type { Db } from "@/lib/server/db";

export interface StagedCopy {
  data: Record<string, unknown>;
  hash: string;
}

export async function stagedCopies(db: Db, migrationId: string, collection: string, ids: readonly string[]): Promise<Map<string, StagedCopy>> {
  if (ids.length === 0) return new Map();
  const rows = await db.stagedRecord.findMany({ where: { migrationId, collection, sourceId: { in: [...ids] } }, select: { sourceId: true, data: true, hash: true } });
  return new Map(rows.map((r) => [r.sourceId, { data: r.data as Record<string, unknown>, hash: r.hash }]));
}

function stamp(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t);
}

export async function restage(db: Db, migrationId: string, collection: string, runId: string, record: Record<string, unknown>): Promise<void> {
  const sourceId = String(record.id);
  const row = {
    data: record as object,
    hash: recordHash(record),
    sourceUpdatedAt: stamp(record.updated_at),
    deleted: record.deleted_at !== undefined && record.deleted_at !== null,
    runId,
    extractedAt: new Date(),
  };
  await db.stagedRecord.upsert({
    where: { migrationId_collection_sourceId: { migrationId, collection, sourceId } },
    create: { migrationId, collection, sourceId, ...row },
    update: row,
  });
}
