/**
 * One poll of the delta window: every source record changed since the watermark is staged
 * again and applied through the engine (a new record seeded and created, a changed one
 * upserted by its source id), except one also edited in Freshsales after the run, which
 * becomes a conflict for the admin. The watermark moves only after the whole poll succeeded,
 * so a poll killed half-way is simply repeated (writes are upserts keyed by the source id).
 */
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import type { FileStore } from "@/lib/connectors/visual-practice/file-store";
import type { VisualPracticeClient } from "@/lib/connectors/visual-practice/client";
import { recordHash } from "@/lib/extraction/canonical-hash";
import { seedLedger } from "@/lib/migration/seed-ledger";
import type { ApprovedMapping, EngineDeps } from "@/lib/migration/types";
import { assertNotClosed } from "@/lib/gates/closed";
import type { Db } from "@/lib/server/db";
import { isAppError } from "@/lib/server/errors";
import { contextFor, settingsFor, writeInOrder, type WriteOrder } from "@/lib/migration/engine-bridge";
import { findConflict, type Upsertable } from "./conflict-check";
import { restage, stagedCopies } from "./restage";
import { DELTA_COLLECTIONS, EMPTY_STATS, type DeltaCollection, type DeltaStats, type PickedUp } from "./types";

export interface PollDeps {
  db: Db;
  conn: FreshsalesConnection;
  source: VisualPracticeClient;
  mapping: ApprovedMapping;
  existingRecord?: "update" | "skip";
  files?: FileStore;
  attachmentKey?: EngineDeps["attachmentKey"];
  now?: () => Date;
}

const LEASE_MS = 10 * 60_000;
const UPSERTABLE = new Set<string>(["companies", "contacts", "deals"]);

async function changedRecords(source: VisualPracticeClient, collection: DeltaCollection, since: Date): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  // One second of overlap: sources stamp updated_at to the second; a record seen twice is skipped by its hash.
  const from = new Date(Math.floor(since.getTime() / 1000) * 1000 - 1000);
  for await (const page of source.iteratePages(collection, { updatedSince: from, perPage: 200, includeDeleted: true })) {
    // A page that cannot be read fails the poll: the watermark must not pass records never seen.
    if (!page.ok) throw page.error;
    out.push(...(page.records as Record<string, unknown>[]));
  }
  return out;
}

/** Claims the run for one poll; false when another worker is polling it or the window is over. */
async function claim(db: Db, runId: string, now: Date): Promise<boolean> {
  const n = await db.$executeRawUnsafe(
    `UPDATE "Run" SET stats = stats || jsonb_build_object('leaseUntil', $2::text), "updatedAt" = now()
      WHERE id = $1 AND kind = 'delta' AND status = 'running' AND (stats->>'leaseUntil' IS NULL OR (stats->>'leaseUntil')::timestamptz < $3::timestamptz)`,
    runId, new Date(now.getTime() + LEASE_MS).toISOString(), now.toISOString(),
  );
  return n === 1;
}

export async function pollOnce(deps: PollDeps, runId: string): Promise<PickedUp[] | null> {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const started = now();
  const owner = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { migrationId: true } });
  await assertNotClosed(db, owner.migrationId);
  if (!(await claim(db, runId, started))) return null;
  const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
  const stats: DeltaStats = { ...EMPTY_STATS, ...(run.stats as Partial<DeltaStats>) };
  const migrationId = run.migrationId;
  try {
    const since = run.watermark ?? run.startedAt ?? run.createdAt;
    const settings = await settingsFor(deps.conn, deps.mapping, deps.existingRecord ?? "update");
    const ctx = contextFor({ db, conn: deps.conn, files: deps.files, attachmentKey: deps.attachmentKey }, runId, migrationId, settings);
    const picked: PickedUp[] = [];
    const toWrite: WriteOrder = {};
    let seed = false;
    for (const collection of DELTA_COLLECTIONS) {
      const records = await changedRecords(deps.source, collection, since);
      const ids = records.map((r) => String(r.id));
      const before = await stagedCopies(db, migrationId, collection, ids);
      const ledger = new Map((await db.ledgerEntry.findMany({ where: { migrationId, objectType: collection, sourceId: { in: ids } } })).map((l) => [l.sourceId, l]));
      for (const record of records) {
        const sourceId = String(record.id);
        const old = before.get(sourceId);
        const at = now().toISOString();
        if (old && old.hash === recordHash(record)) continue;
        const row = ledger.get(sourceId);
        const note = (outcome: PickedUp["outcome"]) => picked.push({ collection, sourceId, outcome, at });
        if (record.deleted_at !== undefined && record.deleted_at !== null) {
          // Deleted in the source after the run: staged as deleted and listed; nothing is deleted in Freshsales.
          await restage(db, migrationId, collection, runId, record);
          note("deleted_in_source");
          continue;
        }
        if (row?.state === "written" && row.destId) {
          if (!UPSERTABLE.has(collection)) {
            // Tasks, notes, documents and products have no upsert: an edit after the run is listed, not re-sent.
            await restage(db, migrationId, collection, runId, record);
            note("not_updatable");
            continue;
          }
          const conflict = old ? await findConflict(ctx, collection as Upsertable, sourceId, old.data, record, { destId: row.destId, target: row.target, writtenAt: row.updatedAt }) : null;
          await restage(db, migrationId, collection, runId, record);
          if (conflict) {
            const open = await db.deltaConflict.findFirst({ where: { migrationId, objectType: collection, sourceId, status: "open" } });
            if (open) await db.deltaConflict.update({ where: { id: open.id }, data: { fields: conflict as object, runId } });
            else await db.deltaConflict.create({ data: { migrationId, runId, objectType: collection, sourceId, destId: row.destId, fields: conflict as object } });
            note("conflict");
            continue;
          }
          await db.ledgerEntry.update({
            where: { migrationId_objectType_sourceId: { migrationId, objectType: collection, sourceId } },
            data: { state: row.action === "updated" ? "intent" : "pending" },
          });
          (toWrite[collection] ??= []).push(sourceId);
          note("updated");
          continue;
        }
        await restage(db, migrationId, collection, runId, record);
        if (row && (row.state === "failed" || row.state === "skipped") && !row.destId) {
          // Routed again from the new values: a record that could not land before may land now.
          await db.ledgerEntry.delete({ where: { migrationId_objectType_sourceId: { migrationId, objectType: collection, sourceId } } });
        }
        seed = true;
        (toWrite[collection] ??= []).push(sourceId);
        note(row?.destId ? "updated" : "created");
      }
    }
    if (seed) await seedLedger(db, migrationId, runId, deps.mapping);
    await writeInOrder(ctx, toWrite);
    const failedRows = await db.ledgerEntry.count({
      where: { migrationId, OR: Object.entries(toWrite).map(([objectType, ids]) => ({ objectType, sourceId: { in: ids } })), state: "failed" },
    });
    const count = (o: PickedUp["outcome"]) => picked.filter((p) => p.outcome === o).length;
    const next: DeltaStats = {
      ...stats,
      polls: stats.polls + 1,
      lastPollAt: started.toISOString(),
      pickedUp: stats.pickedUp + picked.length,
      created: stats.created + count("created"),
      updated: stats.updated + count("updated"),
      conflicts: stats.conflicts + count("conflict"),
      notUpdatable: stats.notUpdatable + count("not_updatable"),
      deletedInSource: (stats.deletedInSource ?? 0) + count("deleted_in_source"),
      failed: stats.failed + (Object.keys(toWrite).length > 0 ? failedRows : 0),
      recent: [...picked.reverse(), ...stats.recent].slice(0, 50),
      lastError: undefined,
      leaseUntil: undefined,
    };
    await db.run.update({ where: { id: runId }, data: { watermark: started, stats: next as object } });
    return picked;
  } catch (error) {
    const message = isAppError(error) ? error.message : "The source or Freshsales did not answer as expected; the next poll tries again.";
    await db.run.update({ where: { id: runId }, data: { stats: { ...stats, lastError: message, leaseUntil: undefined } as object } });
    throw error;
  }
}
