import { badRequest } from "./api-error";
import type { StoredRecord } from "./types";

export interface Paging {
  page: number;
  perPage: number;
}

function positiveInt(name: string, raw: unknown, fallback: number): number {
  if (raw === null || raw === undefined || raw === "") return fallback;
  const n = typeof raw === "number" ? raw : /^\d+$/.test(String(raw)) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1) throw badRequest(`${name} must be a positive integer`);
  return n;
}

/** page is 1-based; per_page defaults to 25 and may not exceed 100 (doc §2.13). */
export function parsePaging(page: unknown, perPage: unknown): Paging {
  const p = positiveInt("page", page, 1);
  const pp = positiveInt("per_page", perPage, 25);
  if (pp > 100) throw badRequest("per_page cannot be more than 100");
  return { page: p, perPage: pp };
}

export function paginate<T>(items: T[], paging: Paging): { items: T[]; meta: { total: number; total_pages: number } } {
  const start = (paging.page - 1) * paging.perPage;
  return {
    items: items.slice(start, start + paging.perPage),
    meta: { total: items.length, total_pages: Math.ceil(items.length / paging.perPage) },
  };
}

const TIMESTAMP_KEYS: Record<string, (r: StoredRecord) => number> = {
  created_at: (r) => r.createdAt,
  updated_at: (r) => r.updatedAt,
  id: (r) => r.id,
};

/** Sorts by a record field (`sort`/`sort_type`); without `sort` records keep id order. */
export function sortRecords(records: StoredRecord[], sort: string | null, sortType: string | null): StoredRecord[] {
  if (!sort) return records;
  if (sortType !== null && sortType !== "asc" && sortType !== "desc") throw badRequest("sort_type must be asc or desc");
  const dir = sortType === "asc" ? 1 : -1;
  const key = TIMESTAMP_KEYS[sort];
  const get = key ?? ((r: StoredRecord) => (r.data[sort] ?? r.cf?.[sort]) as unknown);
  return records.sort((a, b) => {
    const va = get(a);
    const vb = get(b);
    if (va === vb) return a.id - b.id;
    if (va === undefined || va === null) return 1;
    if (vb === undefined || vb === null) return -1;
    return (va < vb ? -1 : 1) * dir;
  });
}
