import type { FreshsalesConnection } from "./connection";
import { asObject, FS_ENTITIES, fromWireRecord, toId, unwrapList, type FsEntity, type FsRecord } from "./wire";

function records(list: unknown[]): FsRecord[] {
  return list.flatMap((raw) => fromWireRecord(raw) ?? []);
}

/**
 * An entity's records in a search answer: under its plural or singular key, nested once more
 * under the same key (lookup's `{"contacts":{"contacts":[...]}}`), or a bare array.
 */
function entityList(body: unknown, entity: FsEntity): unknown[] {
  if (Array.isArray(body)) return body;
  const obj = asObject(body);
  const plural = FS_ENTITIES[entity].plural;
  for (const key of [plural, entity]) {
    const value = obj?.[key];
    if (Array.isArray(value)) return value;
    const inner = asObject(value);
    for (const innerKey of [plural, entity]) if (Array.isArray(inner?.[innerKey])) return inner[innerKey] as unknown[];
  }
  return [];
}

/**
 * Exact-match lookup, e.g. by `email` or by the source-id custom field `cf_vp_id`. Answers
 * `{"contacts":{"contacts":[...]}, ...}`; a single nesting level is accepted too.
 */
export async function lookup(
  conn: FreshsalesConnection,
  query: { value: string; field: string; entities: readonly FsEntity[] },
): Promise<Record<FsEntity, FsRecord[]>> {
  const { body } = await conn.request("GET", "lookup", {
    query: { q: query.value, f: query.field, entities: query.entities.join(",") },
  });
  const result: Record<FsEntity, FsRecord[]> = { contact: [], sales_account: [], deal: [] };
  for (const entity of query.entities) result[entity] = records(entityList(body, entity));
  return result;
}

export interface FilterRule {
  attribute: string;
  operator: string;
  value: unknown;
}

export interface RecordPage {
  records: FsRecord[];
  total: number | undefined;
  totalPages: number | undefined;
}

function page(body: unknown, entity: FsEntity): RecordPage {
  const meta = asObject(asObject(body)?.meta);
  return {
    records: records(entityList(body, entity)),
    total: typeof meta?.total === "number" ? meta.total : undefined,
    totalPages: typeof meta?.total_pages === "number" ? meta.total_pages : undefined,
  };
}

/** `POST /filtered_search/<entity>`; the records are thinner than view records. */
export async function filteredSearch(
  conn: FreshsalesConnection,
  entity: FsEntity,
  rules: readonly FilterRule[],
  options: { page?: number; perPage?: number } = {},
): Promise<RecordPage> {
  const paging = { page: options.page ?? 1, per_page: options.perPage ?? 100 };
  // Clients put the paging in the query or the body (§2.12 does not say which): both are sent.
  const { body } = await conn.request("POST", `filtered_search/${entity}`, { json: { filter_rule: rules, ...paging }, query: paging, idempotent: true });
  return page(body, entity);
}

export interface FsView {
  id: number;
  name: string;
  isDefault: boolean;
}

export async function listViews(conn: FreshsalesConnection, entity: FsEntity): Promise<FsView[]> {
  const { body } = await conn.request("GET", `${FS_ENTITIES[entity].plural}/filters`);
  return unwrapList(body, "filters").flatMap((raw): FsView[] => {
    const v = asObject(raw);
    const id = toId(v?.id);
    return v && id !== undefined ? [{ id, name: typeof v.name === "string" ? v.name : String(id), isDefault: v.is_default === true }] : [];
  });
}

/** One page of a view (≤ 100 per page), e.g. "All Contacts" for reconciliation. */
export async function listViewPage(
  conn: FreshsalesConnection,
  entity: FsEntity,
  viewId: number,
  options: { page?: number; perPage?: number; sort?: string; sortType?: "asc" | "desc"; include?: string[] } = {},
): Promise<RecordPage> {
  const { body } = await conn.request("GET", `${FS_ENTITIES[entity].plural}/view/${viewId}`, {
    query: {
      page: options.page ?? 1,
      per_page: Math.min(options.perPage ?? 100, 100),
      sort: options.sort,
      sort_type: options.sortType,
      include: options.include?.join(","),
    },
  });
  return page(body, entity);
}

/** Record count of a view from `meta.total`, at the cost of one call. */
export async function countView(conn: FreshsalesConnection, entity: FsEntity, viewId: number): Promise<number | undefined> {
  return (await listViewPage(conn, entity, viewId, { perPage: 1 })).total;
}
