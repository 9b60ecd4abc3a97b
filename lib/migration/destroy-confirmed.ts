/**
 * `bulk_destroy` answers only a message, and §2.11 leaves open whether it deletes before it
 * answers. A rollback must not clear a ledger row while Freshsales still holds the record (the
 * figures would claim a deletion that has not happened), so each chunk is confirmed gone: no
 * record carries its source ids (one filtered search), and any still listed answers 404 by id
 * (a search index may lag behind a delete). Waits with growing pauses, then gives up saying
 * which records remain; the rollback's rows for them are kept, so running it again resumes.
 */
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { findBySourceIds } from "@/lib/connectors/freshsales/find-by-source-id";
import { bulkDestroy, getRecord } from "@/lib/connectors/freshsales/record-writes";
import type { FsEntity } from "@/lib/connectors/freshsales/wire";

const CHECKS = 12;

export async function destroyConfirmed(
  conn: FreshsalesConnection,
  entity: FsEntity,
  rows: readonly { sourceId: string; destId: string }[],
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<void> {
  const ids = new Set(rows.map((r) => r.destId));
  await bulkDestroy(conn, entity, [...ids].map(Number));
  let left: string[] = [];
  for (let check = 0; check < CHECKS; check++) {
    const listed = [...(await findBySourceIds(conn, entity, rows.map((r) => r.sourceId))).values()].map((r) => String(r.id)).filter((id) => ids.has(id));
    left = [];
    for (const id of listed) if (await getRecord(conn, entity, Number(id))) left.push(id);
    if (left.length === 0) return;
    await sleep(Math.min(200 * 2 ** check, 5_000));
  }
  throw new Error(`Freshsales still holds ${entity} ${left.slice(0, 10).join(", ")}${left.length > 10 ? "…" : ""} after bulk_destroy; run the rollback again`);
}
