/**
 * Before a sample is run again, the previous sample's records leave Freshsales, children
 * first (documents, activities, deals, contacts, products, then accounts deepest first), and
 * their ledger rows go with them. A contact the sample updated (it existed before) is put back
 * to its captured values instead of being deleted. Each ledger row is removed only after its
 * record is gone, so an interrupted removal resumes where it stopped.
 */
import { deleteLead } from "@/lib/connectors/freshsales/leads";
import { LEADS_MODULE } from "@/lib/migration/write-leads";
import { deleteActivity, type ActivityKind } from "@/lib/connectors/freshsales/activities";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { deleteDocument } from "@/lib/connectors/freshsales/documents";
import { lookup } from "@/lib/connectors/freshsales/lookups";
import { deleteRecord, updateRecord } from "@/lib/connectors/freshsales/record-writes";
import type { FsEntity, FsFields } from "@/lib/connectors/freshsales/wire";
import { deleteProduct } from "@/lib/migration/write-products";
import type { Db } from "@/lib/server/db";
import { companyLevels } from "../migration/engine-bridge";

interface SampleRow {
  objectType: string;
  sourceId: string;
  target: string | null;
  destId: string | null;
  action: string | null;
  priorValues: unknown;
}

const ORDER = ["attachments", "activities", "deals", "contacts", "products", "companies"] as const;
const ENTITY: Record<string, FsEntity> = { companies: "sales_account", contacts: "contact", deals: "deal" };

export interface RemovalResult {
  deleted: number;
  restored: number;
  rows: number;
}

async function findByMarker(conn: FreshsalesConnection, objectType: string, sourceId: string): Promise<string | null> {
  const entity = ENTITY[objectType];
  if (!entity) return null;
  const found = await lookup(conn, { value: sourceId, field: "cf_vp_id", entities: [entity] });
  return found[entity][0] ? String(found[entity][0].id) : null;
}

async function removeOne(conn: FreshsalesConnection, row: SampleRow): Promise<"deleted" | "restored" | "none"> {
  const destId = row.destId ?? (await findByMarker(conn, row.objectType, row.sourceId));
  if (!destId) return "none";
  const id = Number(destId);
  switch (row.objectType) {
    case "attachments":
      return (await deleteDocument(conn, id)) ? "deleted" : "none";
    case "activities":
      return (await deleteActivity(conn, (row.target ?? "tasks") as ActivityKind, id)) ? "deleted" : "none";
    case "products":
      await deleteProduct(conn, id);
      return "deleted";
    case "contacts":
    case "companies":
      // A contact or account that was already in Freshsales (updated or filled by policy) gets its prior values back.
      if (row.action === "updated" && row.priorValues && typeof row.priorValues === "object") {
        const prior = { ...(row.priorValues as FsFields) };
        // A relation list that was empty reads back as null but is written as [] (as the engine's rollback does).
        if (prior.sales_accounts === null) prior.sales_accounts = [];
        if (Object.keys(prior).length > 0) await updateRecord(conn, ENTITY[row.objectType]!, id, prior);
        return "restored";
      }
      if (row.target === LEADS_MODULE) {
        await deleteLead(conn, id);
        return "deleted";
      }
      return (await deleteRecord(conn, ENTITY[row.objectType]!, id)) ? "deleted" : "none";
    default:
      return (await deleteRecord(conn, ENTITY[row.objectType]!, id)) ? "deleted" : "none";
  }
}

/** Removes every sample record except those of `keepRunId` (the sample being run now). */
export async function removeSample(db: Db, conn: FreshsalesConnection, migrationId: string, keepRunId: string | null = null): Promise<RemovalResult> {
  const rows = await db.$queryRawUnsafe<SampleRow[]>(
    `SELECT "objectType", "sourceId", target, "destId", action, "priorValues" FROM "LedgerEntry"
      WHERE "migrationId" = $1 AND sample AND "runId" IS DISTINCT FROM $2 ORDER BY "sourceId"`,
    migrationId, keepRunId,
  );
  const result: RemovalResult = { deleted: 0, restored: 0, rows: rows.length };
  for (const objectType of ORDER) {
    let mine = rows.filter((r) => r.objectType === objectType);
    if (objectType === "companies") {
      const depth = new Map((await companyLevels(db, migrationId, mine.map((r) => r.sourceId))).flatMap((level, i) => level.map((id) => [id, i] as const)));
      mine = [...mine].sort((a, b) => (depth.get(b.sourceId) ?? 0) - (depth.get(a.sourceId) ?? 0));
    }
    for (const row of mine) {
      const done = await removeOne(conn, row);
      if (done === "deleted") result.deleted++;
      if (done === "restored") result.restored++;
      await db.ledgerEntry.deleteMany({ where: { migrationId, objectType: row.objectType, sourceId: row.sourceId, sample: true } });
    }
  }
  return result;
}
