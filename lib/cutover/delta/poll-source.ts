/**
 * One poll of the delta window: every source record changed since the watermark is staged
 * again and applied through the engine (a new record seeded and created, a changed one
 * upserted by its source id), except one also edited in Freshsales after the run, which
 * becomes a conflict for the admin, and one deleted in the source, which is listed for the
 * admin to delete in Freshsales or keep. The watermark moves only after the whole poll
 * succeeded, so a poll killed half-way is simply repeated (writes are upserts keyed by the
 * source id), and only as far as the source's own stamps (see LOOK_BACK_MS).
 */
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import type { FileStore } from "@/lib/connectors/visual-practice/file-store";
import type { VisualPracticeClient } from "@/lib/connectors/visual-practice/client";
import { recordHash } from "@/lib/extraction/canonical-hash";
import { seedLedger } from "@/lib/migration/seed-ledger";
import type { BatchContext } from "@/lib/migration/batch-context";
import type { ApprovedMapping, EngineDeps, RunPolicies } from "@/lib/migration/types";
import { assertNotClosed } from "@/lib/gates/closed";
import type { Db } from "@/lib/server/db";
import { isAppError } from "@/lib/server/errors";
import { contextFor, writeInOrder, type WriteOrder } from "@/lib/migration/engine-bridge";
import { replacedDocuments } from "@/lib/migration/write-documents";
import type { Upsertable } from "./conflict-check";
import { listDeletion } from "./deletions";
import { fetchContent } from "./attachment-bytes";
import { contactTarget } from "./reroute";
import { windowSettings } from "./window-settings";
import { restage, stagedCopies } from "./restage";
import { applyThreeWay } from "./three-way-apply";
import { DELTA_COLLECTIONS, EMPTY_STATS, type DeltaCollection, type DeltaStats, type PickedUp } from "./types";

export interface PollDeps {
  db: Db;
  conn: FreshsalesConnection;
  source: VisualPracticeClient;
  mapping: ApprovedMapping;
  policies?: RunPolicies;
  files?: FileStore;
  attachmentKey?: EngineDeps["attachmentKey"];
  now?: () => Date;
  /** Test hook: where a real worker could die (see EngineDeps.chaos). */
  chaos?: EngineDeps["chaos"];
}

const LEASE_MS = 10 * 60_000;
const UPSERTABLE = new Set<string>(["companies", "contacts", "deals"]);

/**
 * Whether a change to a record the run wrote can be sent: companies, contacts and deals are
 * upserted; tasks, meetings, notes and products get a PUT; a replaced file is uploaded again
 * (then the old one removed), which needs a file store for the new bytes.
 */
function updatable(deps: PollDeps, collection: string): boolean {
  return collection !== "attachments" || deps.files !== undefined;
}

/**
 * Each poll reads again the changes stamped up to this long before the watermark. It covers a
 * source whose clock is behind ours (its stamps are earlier than the moment we polled), a
 * change that becomes visible to a list after its stamp (a replica, a slow commit), and stamps
 * rounded to the second. A change read twice is applied once: its staged copy's hash equals
 * the record's, so the second reading is skipped.
 */
export const LOOK_BACK_MS = 15 * 60_000;

/** The latest `updated_at` among the records read: the next watermark, on the source's clock. */
function latestStamp(records: readonly Record<string, unknown>[], previous: Date): Date {
  let latest = previous.getTime();
  for (const r of records) {
    const t = typeof r.updated_at === "string" ? Date.parse(r.updated_at) : NaN;
    if (Number.isFinite(t) && t > latest) latest = t;
  }
  return new Date(latest);
}

async function changedRecords(source: VisualPracticeClient, collection: DeltaCollection, since: Date): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const from = new Date(Math.floor(since.getTime() / 1000) * 1000 - LOOK_BACK_MS);
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

/**
 * Records an earlier poll of this window left half-done: staged by it but never seeded (no
 * ledger row), or set to be written (pending, intent) and never written.
 */
async function leftovers(db: Db, migrationId: string, runId: string): Promise<{ toWrite: WriteOrder; seed: boolean }> {
  const toWrite: WriteOrder = {};
  const unseeded = await db.$queryRawUnsafe<{ collection: string; sourceId: string }[]>(
    `SELECT s.collection, s."sourceId" FROM "StagedRecord" s
       LEFT JOIN "LedgerEntry" l ON l."migrationId" = s."migrationId" AND l."objectType" = s.collection AND l."sourceId" = s."sourceId"
      WHERE s."migrationId" = $1 AND s."runId" = $2 AND NOT s.deleted AND l."sourceId" IS NULL`,
    migrationId, runId,
  );
  const unwritten = await db.ledgerEntry.findMany({ where: { migrationId, runId, state: { in: ["pending", "intent"] } }, select: { objectType: true, sourceId: true } });
  // A replaced file whose new upload is in but whose old document was not removed yet.
  const replaced = await db.$queryRawUnsafe<{ objectType: string; sourceId: string }[]>(
    `SELECT "objectType", "sourceId" FROM "LedgerEntry" WHERE "migrationId" = $1 AND "runId" = $2 AND "objectType" = 'attachments' AND state = 'written' AND "priorValues"->'replaces' IS NOT NULL`,
    migrationId, runId,
  );
  for (const r of [...unseeded.map((u) => ({ objectType: u.collection, sourceId: u.sourceId })), ...unwritten, ...replaced]) {
    if ((DELTA_COLLECTIONS as readonly string[]).includes(r.objectType)) (toWrite[r.objectType as DeltaCollection] ??= []).push(r.sourceId);
  }
  return { toWrite, seed: unseeded.length > 0 };
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
    // Freshsales' metadata is read only when a poll has something to send or check.
    let ctx: BatchContext | undefined;
    const context = async () =>
      (ctx ??= contextFor({ db, conn: deps.conn, files: deps.files, attachmentKey: deps.attachmentKey, chaos: deps.chaos }, runId, migrationId, await windowSettings(deps, runId), true));
    const picked: PickedUp[] = [];
    // What an earlier poll of this window staged or marked but did not write (it was killed).
    const left = await leftovers(db, migrationId, runId);
    const toWrite: WriteOrder = left.toWrite;
    let seed = left.seed;
    let watermark = since;
    // Each collection reads from its own latest stamp: a collection listed later in a slow poll
    // (conflict checks wait for the rate limit) must not carry an earlier one's watermark past
    // changes made after that earlier one was listed.
    const watermarks: Record<string, string> = { ...(stats.watermarks ?? {}) };
    for (const collection of DELTA_COLLECTIONS) {
      const from = watermarks[collection] ? new Date(watermarks[collection]) : since;
      const records = await changedRecords(deps.source, collection, from);
      const latest = latestStamp(records, from);
      watermarks[collection] = latest.toISOString();
      watermark = new Date(Math.max(watermark.getTime(), latest.getTime()));
      const ids = records.map((r) => String(r.id));
      const before = await stagedCopies(db, migrationId, collection, ids);
      const ledger = new Map((await db.ledgerEntry.findMany({ where: { migrationId, objectType: collection, sourceId: { in: ids } } })).map((l) => [l.sourceId, l]));
      // Order matters for a poll killed half-way: what must happen to a record (a conflict, a
      // listed deletion, a ledger row set to be written) is recorded before its staged copy
      // changes, because the next poll skips a record whose staged copy already matches it.
      for (const record of records) {
        const sourceId = String(record.id);
        const old = before.get(sourceId);
        const at = now().toISOString();
        if (old && old.hash === recordHash(record)) continue;
        const row = ledger.get(sourceId);
        const note = (outcome: PickedUp["outcome"]) => picked.push({ collection, sourceId, outcome, at });
        if (record.deleted_at !== undefined && record.deleted_at !== null) {
          // Deleted in the source after the run: listed for the admin; nothing is deleted in Freshsales.
          if (row?.state === "written" && row.destId) await listDeletion(db, { migrationId, runId, objectType: collection, sourceId, destId: row.destId, createdByRun: row.action !== "updated" });
          await restage(db, migrationId, collection, runId, record);
          note("deleted_in_source");
          continue;
        }
        // Back in the source (its deletion undone): nothing is left to decide for it.
        await db.deltaDeletion.updateMany({ where: { migrationId, objectType: collection, sourceId, status: "open" }, data: { status: "restored_in_source", decidedAt: new Date() } });
        if (collection === "attachments" && updatable(deps, collection)) await fetchContent(deps, migrationId, sourceId);
        if (row?.state === "written" && row.destId) {
          if (!updatable(deps, collection)) {
            // A replaced file with no file store to hold its bytes: listed for the admin.
            await restage(db, migrationId, collection, runId, record);
            note("not_updatable");
            continue;
          }
          // Also edited in Freshsales: one-sided fields are merged, fields both changed are listed.
          const merged = old && UPSERTABLE.has(collection)
            ? await applyThreeWay(db, await context(), { migrationId, runId, objectType: collection as Upsertable, sourceId, before: old.data, after: record, write: { destId: row.destId, target: row.target, writtenAt: row.updatedAt, reason: row.reason } })
            : null;
          if (merged) {
            await restage(db, migrationId, collection, runId, record);
            note(merged === "conflict" ? "conflict" : "updated");
            continue;
          }
          const where = { migrationId_objectType_sourceId: { migrationId, objectType: collection, sourceId } };
          if (collection === "attachments") {
            // Uploaded again, then the old document removed (write-documents.ts), which the row remembers until done.
            await db.ledgerEntry.update({ where, data: { state: "pending", destId: null, runId, priorValues: { replaces: [...replacedDocuments(row), row.destId] } } });
          } else {
            // A contact that gained or lost its company moves between Contact and Lead (one the run updated keeps its place).
            const target = collection === "contacts" && row.action !== "updated" ? ((await contactTarget(db, migrationId, deps.mapping, record)) ?? row.target) : row.target;
            await db.ledgerEntry.update({ where, data: { state: row.action === "updated" ? "intent" : "pending", runId, target } });
          }
          await restage(db, migrationId, collection, runId, record);
          (toWrite[collection] ??= []).push(sourceId);
          note("updated");
          continue;
        }
        if (row && (row.state === "failed" || row.state === "skipped") && !row.destId) {
          // Routed again from the new values: a record that could not land before may land now.
          await db.ledgerEntry.delete({ where: { migrationId_objectType_sourceId: { migrationId, objectType: collection, sourceId } } });
        }
        // A staged copy of this window with no ledger row is seeded by the next poll if this one dies.
        await restage(db, migrationId, collection, runId, record);
        seed = true;
        (toWrite[collection] ??= []).push(sourceId);
        note(row && (row.destId || replacedDocuments(row).length > 0) ? "updated" : "created");
      }
    }
    if (seed) await seedLedger(db, migrationId, runId, deps.mapping);
    if (Object.values(toWrite).some((ids) => ids.length > 0)) await writeInOrder(await context(), toWrite);
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
      history: [...(stats.history ?? []), { at: started.toISOString(), created: count("created"), updated: count("updated"), conflicts: count("conflict"), deleted: count("deleted_in_source"), listed: count("not_updatable") }].slice(-200),
      lastError: undefined,
      leaseUntil: undefined,
      watermarks,
    };
    // The source's latest stamp, not our clock: a source running behind us would otherwise have
    // its next changes stamped before the watermark (the look-back covers what the stamps miss).
    await db.run.update({ where: { id: runId }, data: { watermark, stats: next as object } });
    return picked;
  } catch (error) {
    const message = isAppError(error) ? error.message : "The source or Freshsales did not answer as expected; the next poll tries again.";
    await db.run.update({ where: { id: runId }, data: { stats: { ...stats, lastError: message, leaseUntil: undefined } as object } });
    throw error;
  }
}
