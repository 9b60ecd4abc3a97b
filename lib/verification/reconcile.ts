/**
 * Reconciliation after the delta window: per object, the source count (staging), the ledger's
 * states and the destination count from Freshsales' list views, plus the field-level diff of a
 * random sample of written records (the sample's diff code). Every divergence is listed with a
 * key, so an admin can explain it; with none left unexplained the "reconcile" gate is done.
 */
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { getRecord } from "@/lib/connectors/freshsales/record-writes";
import type { FsEntity } from "@/lib/connectors/freshsales/wire";
import type { ApprovedMapping } from "@/lib/migration/types";
import type { Db } from "@/lib/server/db";
import { destinationCount, missingIds } from "./destination-counts";
import { unrecordedRecords } from "./unrecorded-records";
import { contextFor, settingsFor, type WriteOrder } from "../migration/engine-bridge";
import { summarise, type DiffRow, type DiffSummary } from "./field-diff";
import { diffWritten, sensitivePathsOf } from "./read-back";

export const RECONCILED_OBJECTS = ["companies", "contacts", "products", "deals", "activities", "attachments"] as const;
const ENTITY_OF: Record<string, FsEntity> = { companies: "sales_account", contacts: "contact", deals: "deal" };

export interface ObjectCounts {
  objectType: string;
  source: number;
  ledger: Record<"written" | "skipped" | "failed" | "pending" | "intent", number>;
  /** Written records this migration created or updated in Freshsales (distinct destination ids). */
  writtenRecords: number;
  destination: number | null;
  /** Destination ids the ledger wrote that Freshsales no longer holds (when it could be checked). */
  missing: string[];
  /**
   * Records Freshsales holds carrying the source id of a row the ledger calls failed or skipped
   * ("sourceId=destId"); absent from reports made before the check existed.
   */
  unrecorded?: string[];
  note?: string;
}

const VERIFY_LIMIT = 200;

async function presentIds(conn: FreshsalesConnection, entity: FsEntity, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const id of ids) if (await getRecord(conn, entity, Number(id))) out.add(id);
  return out;
}

export interface Divergence {
  key: string;
  objectType: string;
  kind: "count" | "unsettled" | "missing" | "unrecorded" | "mismatch";
  message: string;
}

export interface Explanation {
  note: string;
  by: string;
  at: string;
}

export interface ReconcileReport {
  objects: ObjectCounts[];
  diff: DiffRow[];
  summary: DiffSummary;
  divergences: Divergence[];
  explanations: Record<string, Explanation>;
  sampledPerObject: number;
  finishedAt: string;
}

async function countsOf(db: Db, migrationId: string) {
  const staged = await db.$queryRawUnsafe<{ collection: string; n: number }[]>(
    `SELECT collection, count(*)::int AS n FROM "StagedRecord" WHERE "migrationId" = $1 GROUP BY 1`, migrationId,
  );
  const ledger = await db.$queryRawUnsafe<{ objectType: string; state: string; n: number; dest: number }[]>(
    `SELECT "objectType", state, count(*)::int AS n, count(DISTINCT "destId") FILTER (WHERE state = 'written')::int AS dest FROM "LedgerEntry" WHERE "migrationId" = $1 GROUP BY 1, 2`, migrationId,
  );
  return { staged: new Map(staged.map((r) => [r.collection, r.n])), ledger };
}

async function randomWritten(db: Db, migrationId: string, perObject: number): Promise<WriteOrder> {
  const out: WriteOrder = {};
  for (const objectType of ["companies", "contacts", "deals", "activities", "attachments"] as const) {
    const rows = await db.$queryRawUnsafe<{ sourceId: string }[]>(
      `SELECT "sourceId" FROM "LedgerEntry" WHERE "migrationId" = $1 AND "objectType" = $2 AND state = 'written' AND "destId" IS NOT NULL ORDER BY random() LIMIT $3`,
      migrationId, objectType, perObject,
    );
    out[objectType] = rows.map((r) => r.sourceId);
  }
  return out;
}

export interface ReconcileDeps {
  db: Db;
  conn: FreshsalesConnection;
  mapping: ApprovedMapping;
  /** Records diffed per object type (default 20). */
  samplePerObject?: number;
}

export async function buildReconcileReport(deps: ReconcileDeps, runId: string, migrationId: string): Promise<ReconcileReport> {
  const { db, conn } = deps;
  const { staged, ledger } = await countsOf(db, migrationId);
  const objects: ObjectCounts[] = [];
  const divergences: Divergence[] = [];
  for (const objectType of RECONCILED_OBJECTS) {
    const mine = ledger.filter((r) => r.objectType === objectType);
    const state = (s: string) => mine.find((r) => r.state === s)?.n ?? 0;
    const counts: ObjectCounts = {
      objectType,
      source: staged.get(objectType) ?? 0,
      ledger: { written: state("written"), skipped: state("skipped"), failed: state("failed"), pending: state("pending"), intent: state("intent") },
      writtenRecords: mine.find((r) => r.state === "written")?.dest ?? 0,
      destination: null,
      missing: [],
    };
    const total = Object.values(counts.ledger).reduce((a, b) => a + b, 0);
    if (total !== counts.source) {
      divergences.push({ key: `count:${objectType}`, objectType, kind: "count", message: `${counts.source} source records but ${total} ledger rows: the counts do not add up` });
    }
    if (counts.ledger.pending + counts.ledger.intent > 0) {
      divergences.push({ key: `unsettled:${objectType}`, objectType, kind: "unsettled", message: `${counts.ledger.pending + counts.ledger.intent} records are neither written, skipped nor failed` });
    }
    const entity = ENTITY_OF[objectType];
    if (entity) {
      const { count, viewIds } = await destinationCount(conn, entity);
      // Contacts and leads are one entity in Freshsales, so both count against the contacts view.
      counts.destination = count;
      if (count !== null && count < counts.writtenRecords) {
        const written = await db.$queryRawUnsafe<{ destId: string }[]>(
          `SELECT DISTINCT "destId" FROM "LedgerEntry" WHERE "migrationId" = $1 AND "objectType" = $2 AND state = 'written' AND "destId" IS NOT NULL`, migrationId, objectType,
        );
        const unlisted = (await missingIds(conn, entity, viewIds, written.map((w) => w.destId))) ?? [];
        // A view may leave some records out (deals in no Open/Won/Lost view): each is looked up by id.
        const present = unlisted.length <= VERIFY_LIMIT ? await presentIds(conn, entity, unlisted) : new Set<string>();
        counts.missing = unlisted.filter((id) => !present.has(id));
        counts.destination = count + present.size;
        if (present.size > 0) counts.note = `${present.size} written records are listed in no view; found by id`;
      }
      if (counts.destination !== null && counts.destination < counts.writtenRecords) {
        const named = counts.missing.length > 0 ? ` (missing: ${counts.missing.slice(0, 10).join(", ")}${counts.missing.length > 10 ? "…" : ""})` : "";
        divergences.push({ key: `missing:${objectType}`, objectType, kind: "missing", message: `Freshsales holds ${counts.destination} records, fewer than the ${counts.writtenRecords} this migration wrote${named}` });
      }
      // The other way round: Freshsales holds records the ledger does not count as written.
      const extra = await unrecordedRecords(db, conn, migrationId, objectType, entity);
      counts.unrecorded = extra.found.map((f) => `${f.sourceId}=${f.destId}`);
      if (extra.checked < extra.notWritten) counts.note = [counts.note, `${extra.checked} of ${extra.notWritten} failed or skipped records checked for a Freshsales record carrying their source id`].filter(Boolean).join("; ");
      if (extra.found.length > 0) {
        const named = extra.found.slice(0, 10).map((f) => `${f.sourceId} (${f.state}) is ${entity} ${f.destId}`).join(", ");
        divergences.push({
          key: `unrecorded:${objectType}`, objectType, kind: "unrecorded",
          message: `Freshsales holds ${extra.found.length} ${objectType} carrying the source id of a record the ledger calls failed or skipped, so the ledger's ${counts.ledger.written} written understates what Freshsales holds: ${named}${extra.found.length > 10 ? "…" : ""}`,
        });
      }
    }
    objects.push(counts);
  }
  const perObject = deps.samplePerObject ?? 20;
  const ctx = contextFor({ db, conn }, runId, migrationId, await settingsFor(conn, deps.mapping));
  const { rows } = await diffWritten(ctx, await randomWritten(db, migrationId, perObject), await sensitivePathsOf(db, migrationId));
  for (const r of rows.filter((x) => x.verdict === "mismatch")) {
    divergences.push({ key: `mismatch:${r.objectType}:${r.sourceId}:${r.field}`, objectType: r.objectType, kind: "mismatch", message: `${r.objectType} ${r.sourceId}, ${r.label}: ${r.note ?? "Freshsales holds a different value than the one written"}` });
  }
  return { objects, diff: rows, summary: summarise(rows), divergences, explanations: await keptByDecision(db, migrationId, divergences), sampledPerObject: perObject, finishedAt: new Date().toISOString() };
}

/** A mismatch on a record whose delta conflict was decided "keep destination" is explained by that decision. */
async function keptByDecision(db: Db, migrationId: string, divergences: Divergence[]): Promise<Record<string, Explanation>> {
  const kept = await db.deltaConflict.findMany({ where: { migrationId, status: "keep_destination" } });
  const out: Record<string, Explanation> = {};
  for (const d of divergences) {
    if (d.kind !== "mismatch") continue;
    const [, objectType, sourceId] = d.key.split(":");
    const decision = kept.find((k) => k.objectType === objectType && k.sourceId === sourceId);
    if (decision) out[d.key] = { note: "Freshsales value kept by the delta conflict decision", by: decision.decidedBy ?? "admin", at: (decision.decidedAt ?? decision.createdAt).toISOString() };
  }
  return out;
}

export function unexplained(report: ReconcileReport): Divergence[] {
  return report.divergences.filter((d) => !report.explanations[d.key]);
}
