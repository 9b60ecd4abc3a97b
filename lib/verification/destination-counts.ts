/**
 * Destination counts per entity from Freshsales' list views (one call per view): the "All …"
 * view where the entity has one; deals have none, so their count is the sum of the disjoint
 * "Open", "Won" and "Lost" views. When Freshsales holds fewer records than the ledger wrote,
 * paging the same views names the missing ones (for runs small enough to page).
 */
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { countView, listViewPage, listViews } from "@/lib/connectors/freshsales/lookups";
import type { FsEntity } from "@/lib/connectors/freshsales/wire";

const PAGE_LIMIT = 50;

export async function countingViews(conn: FreshsalesConnection, entity: FsEntity): Promise<number[]> {
  const views = await listViews(conn, entity);
  const all = views.find((v) => /^all\b/i.test(v.name));
  if (all) return [all.id];
  const parts = views.filter((v) => /^(open|won|lost)\b/i.test(v.name));
  return parts.map((v) => v.id);
}

export async function destinationCount(conn: FreshsalesConnection, entity: FsEntity): Promise<{ count: number | null; viewIds: number[] }> {
  const viewIds = await countingViews(conn, entity);
  if (viewIds.length === 0) return { count: null, viewIds };
  let count = 0;
  for (const id of viewIds) {
    const n = await countView(conn, entity, id);
    if (n === undefined) return { count: null, viewIds };
    count += n;
  }
  return { count, viewIds };
}

/** Destination ids among `written` that the views do not list; null when they are too long to page. */
export async function missingIds(conn: FreshsalesConnection, entity: FsEntity, viewIds: readonly number[], written: readonly string[]): Promise<string[] | null> {
  const seen = new Set<string>();
  for (const viewId of viewIds) {
    let complete = false;
    for (let page = 1; page <= PAGE_LIMIT && !complete; page++) {
      const result = await listViewPage(conn, entity, viewId, { page, perPage: 100 });
      for (const r of result.records) seen.add(String(r.id));
      const last = result.totalPages ?? (result.records.length < 100 ? page : page + 1);
      complete = page >= last || result.records.length === 0;
    }
    if (!complete) return null;
  }
  return written.filter((id) => !seen.has(id));
}
