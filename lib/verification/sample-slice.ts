/**
 * Choosing the sample: a connected slice of the staged source, company by company (its parent
 * chain first), each with its contacts, the products its deals sell, its deals, and the
 * activities and attachments of those records, until the requested size is reached. Every
 * record in the slice has what it points at in the slice too, so the sample writes the same
 * relationships the full run will.
 */
import type { Db } from "@/lib/server/db";

export const SLICE_COLLECTIONS = ["companies", "contacts", "products", "deals", "activities", "attachments"] as const;
export type SliceCollection = (typeof SLICE_COLLECTIONS)[number];
export type Slice = Record<SliceCollection, string[]>;

export interface SliceGraph {
  /** Candidate companies in the order they are tried. */
  companies: string[];
  /** Parent company per company (candidates and their ancestors). */
  parents: Map<string, string | null>;
  contacts: { id: string; company: string | null }[];
  deals: { id: string; company: string | null; products: string[] }[];
  activities: { id: string; contact: string | null; company: string | null; deal: string | null }[];
  attachments: { id: string; parentType: string; parentId: string }[];
}

export const emptySlice = (): Slice => ({ companies: [], contacts: [], products: [], deals: [], activities: [], attachments: [] });

export function sliceSize(slice: Slice): number {
  return SLICE_COLLECTIONS.reduce((n, c) => n + slice[c].length, 0);
}

/** Greedy assembly up to `size` records; pure, so the choice is the same for the same staging. */
export function pickSlice(graph: SliceGraph, size: number): Slice {
  const slice = emptySlice();
  const taken = Object.fromEntries(SLICE_COLLECTIONS.map((c) => [c, new Set<string>()])) as Record<SliceCollection, Set<string>>;
  const full = () => sliceSize(slice) >= size;
  const add = (c: SliceCollection, id: string): boolean => {
    if (taken[c].has(id)) return true;
    if (full()) return false;
    taken[c].add(id);
    slice[c].push(id);
    return true;
  };
  const group = <T, K>(items: T[], key: (t: T) => K | null) => {
    const m = new Map<K, T[]>();
    for (const t of items) {
      const k = key(t);
      if (k !== null) (m.get(k) ?? m.set(k, []).get(k)!).push(t);
    }
    return m;
  };
  const contactsOf = group(graph.contacts, (c) => c.company);
  const dealsOf = group(graph.deals, (d) => d.company);
  const ancestors = (id: string): string[] => {
    const chain: string[] = [];
    const seen = new Set<string>([id]);
    let at = graph.parents.get(id) ?? null;
    while (at !== null && !seen.has(at)) {
      seen.add(at);
      chain.unshift(at);
      at = graph.parents.get(at) ?? null;
    }
    return chain;
  };
  for (const company of graph.companies) {
    if (full()) break;
    if (!ancestors(company).every((a) => add("companies", a)) || !add("companies", company)) break;
    for (const c of contactsOf.get(company) ?? []) add("contacts", c.id);
    for (const d of dealsOf.get(company) ?? []) {
      if (full()) break;
      // A deal goes in only with every product it sells, so its line items can be written.
      const missing = d.products.filter((p) => !taken.products.has(p));
      if (sliceSize(slice) + missing.length + 1 > size) continue;
      for (const p of missing) add("products", p);
      add("deals", d.id);
    }
    for (const a of graph.activities) {
      if (full()) break;
      if ((a.contact && taken.contacts.has(a.contact)) || (a.deal && taken.deals.has(a.deal)) || (a.company && taken.companies.has(a.company))) add("activities", a.id);
    }
    for (const a of graph.attachments) {
      if (full()) break;
      const parent = a.parentType === "contact" ? taken.contacts : a.parentType === "deal" ? taken.deals : a.parentType === "company" ? taken.companies : null;
      if (parent?.has(a.parentId)) add("attachments", a.id);
    }
  }
  return slice;
}

interface Row {
  id: string;
  a: string | null;
  b: string | null;
  c: string | null;
  list: string[] | null;
}

/** Loads the slice's neighbourhood from staging: a few set-based queries, not one per company. */
export async function loadSliceGraph(db: Db, migrationId: string, size: number, seed: string): Promise<SliceGraph> {
  const q = (sql: string, ...args: unknown[]) => db.$queryRawUnsafe<Row[]>(sql, migrationId, ...args);
  const live = `"migrationId" = $1 AND NOT deleted`;
  const companies = await q(
    `SELECT "sourceId" AS id, data->>'parent_company_id' AS a FROM "StagedRecord" WHERE ${live} AND collection = 'companies' ORDER BY md5("sourceId" || $2) LIMIT $3`,
    seed, size,
  );
  const parents = new Map<string, string | null>(companies.map((r) => [r.id, r.a]));
  let missing = [...new Set(companies.map((r) => r.a).filter((p): p is string => p !== null && !parents.has(p)))];
  for (let depth = 0; missing.length > 0 && depth < 50; depth++) {
    const found = await q(`SELECT "sourceId" AS id, data->>'parent_company_id' AS a FROM "StagedRecord" WHERE ${live} AND collection = 'companies' AND "sourceId" = ANY($2::text[])`, missing);
    for (const id of missing) parents.set(id, null);
    for (const r of found) parents.set(r.id, r.a);
    missing = [...new Set(found.map((r) => r.a).filter((p): p is string => p !== null && !parents.has(p)))];
  }
  const ids = companies.map((r) => r.id);
  const contacts = await q(`SELECT "sourceId" AS id, data->>'company_id' AS a FROM "StagedRecord" WHERE ${live} AND collection = 'contacts' AND data->>'company_id' = ANY($2::text[]) ORDER BY "sourceId"`, ids);
  const deals = await q(
    `SELECT "sourceId" AS id, data->>'company_id' AS a,
            ARRAY(SELECT li->>'product_id' FROM jsonb_array_elements(CASE WHEN jsonb_typeof(data->'line_items') = 'array' THEN data->'line_items' ELSE '[]'::jsonb END) li WHERE li->>'product_id' IS NOT NULL) AS list
       FROM "StagedRecord" WHERE ${live} AND collection = 'deals' AND data->>'company_id' = ANY($2::text[]) ORDER BY "sourceId"`,
    ids,
  );
  const contactIds = contacts.map((r) => r.id);
  const dealIds = deals.map((r) => r.id);
  const activities = await q(
    `SELECT "sourceId" AS id, data->>'contact_id' AS a, data->>'company_id' AS b, data->>'deal_id' AS c FROM "StagedRecord"
      WHERE ${live} AND collection = 'activities'
        AND (data->>'contact_id' = ANY($2::text[]) OR data->>'company_id' = ANY($3::text[]) OR data->>'deal_id' = ANY($4::text[])) ORDER BY "sourceId"`,
    contactIds, ids, dealIds,
  );
  const attachments = await q(
    `SELECT "sourceId" AS id, data->>'parent_type' AS a, data->>'parent_id' AS b FROM "StagedRecord"
      WHERE ${live} AND collection = 'attachments' AND data->>'parent_id' = ANY($2::text[]) ORDER BY "sourceId"`,
    [...ids, ...contactIds, ...dealIds],
  );
  return {
    companies: ids,
    parents,
    contacts: contacts.map((r) => ({ id: r.id, company: r.a })),
    deals: deals.map((r) => ({ id: r.id, company: r.a, products: r.list ?? [] })),
    activities: activities.map((r) => ({ id: r.id, contact: r.a, company: r.b, deal: r.c })),
    attachments: attachments.flatMap((r) => (r.a && r.b ? [{ id: r.id, parentType: r.a, parentId: r.b }] : [])),
  };
}

export async function chooseSlice(db: Db, migrationId: string, size: number, seed = "sample"): Promise<Slice> {
  return pickSlice(await loadSliceGraph(db, migrationId, size, seed), size);
}
