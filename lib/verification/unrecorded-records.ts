/**
 * Records Freshsales holds that the ledger does not count as written: accounts, contacts and
 * deals carrying the `cf_vp_id` of a row the ledger calls failed or skipped. The view counts
 * cannot show these (they include records that were there before the run), yet each one makes
 * the run's figures disagree with the destination, and a rollback would leave it behind.
 * Only the rows not written are searched (100 source ids per filtered search), so the check
 * costs a call per hundred failures, not per hundred records.
 */
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { findBySourceIds } from "@/lib/connectors/freshsales/find-by-source-id";
import type { FsEntity } from "@/lib/connectors/freshsales/wire";
import type { Db } from "@/lib/server/db";

/** Rows searched per object; beyond it the check covers the first ones and says so. */
export const UNRECORDED_CHECK_LIMIT = 5000;

export interface Unrecorded {
  /** "sourceId → destination id" for each record found. */
  found: { sourceId: string; state: string; destId: string }[];
  /** Rows the ledger does not call written, and how many of them were searched. */
  notWritten: number;
  checked: number;
}

export async function unrecordedRecords(db: Db, conn: FreshsalesConnection, migrationId: string, objectType: string, entity: FsEntity): Promise<Unrecorded> {
  const rows = await db.$queryRawUnsafe<{ sourceId: string; state: string }[]>(
    `SELECT "sourceId", state FROM "LedgerEntry" WHERE "migrationId" = $1 AND "objectType" = $2 AND state IN ('failed', 'skipped') ORDER BY "sourceId"`,
    migrationId, objectType,
  );
  const checked = rows.slice(0, UNRECORDED_CHECK_LIMIT);
  const held = checked.length > 0 ? await findBySourceIds(conn, entity, checked.map((r) => r.sourceId)) : new Map();
  const found = checked.flatMap((r) => {
    const hit = held.get(r.sourceId);
    return hit ? [{ sourceId: r.sourceId, state: r.state, destId: String(hit.id) }] : [];
  });
  return { found, notWritten: rows.length, checked: checked.length };
}
