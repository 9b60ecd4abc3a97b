/**
 * The verification steps write through the migration engine's own writers, on the ledger, for
 * a chosen set of source ids (the sample slice, the records a delta poll picked up). This file
 * is the thin wrapper that lets them do so: the run settings, and the writers called in
 * dependency order for those ids only.
 */
import { discoverMetadata } from "@/lib/connectors/freshsales/metadata";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { countingConnection, type BatchContext } from "@/lib/migration/batch-context";
import { destinationContext } from "@/lib/migration/destination-context";
import { rowsById } from "@/lib/migration/ledger";
import { accountHierarchy } from "@/lib/migration/seed-ledger";
import { writeActivities } from "@/lib/migration/write-activities";
import { writeDocuments } from "@/lib/migration/write-documents";
import { writeDealProducts, writeProducts } from "@/lib/migration/write-products";
import { writeUpserts } from "@/lib/migration/write-upserts";
import { DEFAULT_POLICIES, type ApprovedMapping, type EngineDeps, type RunPolicies, type RunSettings } from "@/lib/migration/types";
import type { Db } from "@/lib/server/db";

export async function settingsFor(conn: FreshsalesConnection, mapping: ApprovedMapping, policies: RunPolicies = DEFAULT_POLICIES, storageQuotaBytes: number | null = null): Promise<RunSettings> {
  const meta = await discoverMetadata(conn);
  return {
    mapping,
    destination: destinationContext(meta, storageQuotaBytes),
    policies,
    batchSize: 100,
    accountLevels: [],
  };
}

/** `rewrite`: the cutover window, which sends relations a record lost as empty (see BatchContext). */
export function contextFor(deps: EngineDeps, runId: string, migrationId: string, settings: RunSettings, rewrite = false): BatchContext {
  const calls = { n: 0 };
  return { deps, db: deps.db, conn: countingConnection(deps.conn, calls), runId, migrationId, settings, calls, chaos: deps.chaos ?? (() => {}), rewrite };
}

const chunks = <T>(items: T[], n: number): T[][] => Array.from({ length: Math.ceil(items.length / n) }, (_, i) => items.slice(i * n, (i + 1) * n));

/** Companies among `ids` by hierarchy level (parents first), judged on their staged parent links. */
export async function companyLevels(db: Db, migrationId: string, ids: readonly string[]): Promise<string[][]> {
  if (ids.length === 0) return [];
  const rows = await db.$queryRawUnsafe<{ id: string; parent: string | null }[]>(
    `SELECT "sourceId" AS id, data->>'parent_company_id' AS parent FROM "StagedRecord" WHERE "migrationId" = $1 AND collection = 'companies' AND "sourceId" = ANY($2::text[])`,
    migrationId, [...ids],
  );
  const live = new Set(rows.map((r) => r.id));
  return accountHierarchy({ live, parents: new Map(rows.map((r) => [r.id, r.parent])) }).levels;
}

export type WriteOrder = Partial<Record<"companies" | "contacts" | "products" | "deals" | "activities" | "attachments", string[]>>;

/**
 * Writes the ledger rows of `ids` (those still pending or in intent) in dependency order, each
 * type in batches of 100. Repeats a pass while some outcome is unknown, as the engine's driver
 * does. Answers whether every outcome is known.
 */
export async function writeInOrder(ctx: BatchContext, ids: WriteOrder, passes = 3): Promise<boolean> {
  const { db, migrationId } = ctx;
  let settled = false;
  for (let pass = 0; pass < passes && !settled; pass++) {
    settled = true;
    for (const level of await companyLevels(db, migrationId, ids.companies ?? [])) {
      for (const part of chunks(level, 100)) await writeUpserts(ctx, "companies", await rowsById(db, migrationId, "companies", part));
    }
    for (const part of chunks(ids.contacts ?? [], 100)) await writeUpserts(ctx, "contacts", await rowsById(db, migrationId, "contacts", part));
    for (const part of chunks(ids.products ?? [], 100)) settled = (await writeProducts(ctx, await rowsById(db, migrationId, "products", part))) && settled;
    for (const part of chunks(ids.deals ?? [], 100)) await writeUpserts(ctx, "deals", await rowsById(db, migrationId, "deals", part));
    for (const part of chunks(ids.deals ?? [], 100)) await writeDealProducts(ctx, await rowsById(db, migrationId, "deals", part));
    for (const part of chunks(ids.activities ?? [], 100)) settled = (await writeActivities(ctx, await rowsById(db, migrationId, "activities", part))) && settled;
    for (const part of chunks(ids.attachments ?? [], 100)) settled = (await writeDocuments(ctx, await rowsById(db, migrationId, "attachments", part))) && settled;
  }
  return settled;
}
