import type { FreshsalesConnection } from "./connection";
import { FreshsalesError } from "./errors";
import { filteredSearch, lookup } from "./lookups";
import type { FsEntity, FsRecord } from "./wire";

/** The custom field every migrated record carries its source id in. */
export const SOURCE_ID_FIELD = "cf_vp_id";
const IDS_PER_SEARCH = 100;
const PER_PAGE = 100;
/** Filtered search refusing the request or the attribute: 400 (unknown attribute), 404 (no such endpoint), 405. */
const REFUSED = new Set([400, 404, 405]);

export interface FindBySourceIdOptions {
  /** The custom field holding the source id; `cf_vp_id` unless told. */
  field?: string;
}

/**
 * The destination records carrying the given source ids, keyed by source id. Used to settle a
 * write whose answer did not say what became of it: a record found here is ours (the upsert was
 * keyed by this field), one not found was not written (yet).
 *
 * `POST /filtered_search/<entity>` with `is_in` on up to 100 ids at a time, paged; per id
 * `GET /lookup?f=<field>` instead when filtered search refuses (400/404/405) or answers with
 * records that do not show the field (it did not understand the attribute, or its thin records
 * leave custom fields out). Only exact matches count: a search may return near matches.
 */
export async function findBySourceIds(
  conn: FreshsalesConnection,
  entity: FsEntity,
  sourceIds: readonly string[],
  options: FindBySourceIdOptions = {},
): Promise<Map<string, FsRecord>> {
  const field = options.field ?? SOURCE_ID_FIELD;
  const wanted = [...new Set(sourceIds)];
  const found = new Map<string, FsRecord>();
  let searchRefused = false;
  for (let start = 0; start < wanted.length; start += IDS_PER_SEARCH) {
    const ids = wanted.slice(start, start + IDS_PER_SEARCH);
    const unsure = searchRefused ? ids : await searchBatch(conn, entity, field, ids, found).catch((error: unknown) => {
      if (!(error instanceof FreshsalesError && REFUSED.has(error.status))) throw error;
      // The same account refuses it for the next batch too: go straight to lookups.
      searchRefused = true;
      return ids;
    });
    for (const id of unsure) {
      const hit = await lookupOne(conn, entity, field, id);
      if (hit) found.set(id, hit);
    }
  }
  return found;
}

/** The field's value on a record, from `custom_field` or the top level (`fromWireRecord` flattens both). */
function carried(record: FsRecord, field: string): string | undefined {
  const value = record.fields[field];
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

/** One filtered search over `ids`, all pages; answers the ids it could not decide (to look up one by one). */
async function searchBatch(conn: FreshsalesConnection, entity: FsEntity, field: string, ids: string[], found: Map<string, FsRecord>): Promise<string[]> {
  const wanted = new Set(ids);
  const seen = new Set<number>();
  let blind = false;
  // A search that matches only our ids needs at most this many pages; more means it ignored the filter.
  const maxPages = Math.ceil(ids.length / PER_PAGE) + 2;
  for (let page = 1; ; page++) {
    const result = await filteredSearch(conn, entity, [{ attribute: field, operator: "is_in", value: ids }], { page, perPage: PER_PAGE });
    let fresh = 0;
    for (const record of result.records) {
      if (seen.has(record.id)) continue;
      seen.add(record.id);
      fresh++;
      if (!(field in record.fields)) blind = true;
      const value = carried(record, field);
      if (value !== undefined && wanted.has(value) && !found.has(value)) found.set(value, record);
    }
    const more = result.totalPages !== undefined ? page < result.totalPages : result.records.length >= PER_PAGE;
    if (!more || fresh === 0) break;
    if (page >= maxPages) {
      blind = true;
      break;
    }
  }
  return blind ? ids.filter((id) => !found.has(id)) : [];
}

async function lookupOne(conn: FreshsalesConnection, entity: FsEntity, field: string, id: string): Promise<FsRecord | undefined> {
  try {
    const result = await lookup(conn, { value: id, field, entities: [entity] });
    return result[entity].find((r) => carried(r, field) === id);
  } catch (error) {
    if (error instanceof FreshsalesError && error.status === 404) return undefined;
    throw error;
  }
}
