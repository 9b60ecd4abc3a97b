/**
 * Seeds the ledger from the staged source records: one row per record, already settled when
 * the routing rules decide (soft-deleted or unlinked: skipped; a later duplicate email: per the
 * duplicate-email policy, see duplicate-contacts.ts), else
 * pending with its destination entity. Re-running it adds only what is missing.
 */
import pLimit from "p-limit";
import { OBJECT_OF_COLLECTION } from "@/lib/inventory/types";
import { DEFAULT_DUPLICATE_EMAIL_POLICY } from "@/lib/mapping/record-policies";
import { routeRecord, type RouteContext, type RouteTarget } from "@/lib/mapping/route-record";
import { duplicateDecision } from "./duplicate-contacts";
import type { Db } from "@/lib/server/db";
import type { ApprovedMapping } from "./types";

export const OBJECT_OF = OBJECT_OF_COLLECTION;

interface StagedRow {
  sourceId: string;
  data: Record<string, unknown>;
}

const PAGE = 10_000;

/**
 * The fields `routeRecord` and the seeding rules read, and only those: a page of slim records
 * instead of whole ones (activity bodies, custom properties) keeps seeding a few hundred ms.
 * A field routing starts reading must be added here (seed-ledger.test.ts checks the list
 * against a full record).
 */
export const ROUTING_KEYS = [
  "id", "deleted_at", "parent_company_id", "company_id", "contact_id", "deal_id", "pipeline_id", "stage_id",
  "line_items", "type", "attendees", "parent_type", "parent_id", "size_bytes", "email",
] as const;
/** The record cut down to ROUTING_KEYS (explicit nulls kept, absent keys stay absent). */
export function slimRecord(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ROUTING_KEYS) if (k in data) out[k] = data[k];
  return out;
}

async function* staged(db: Db, migrationId: string, collection: string): AsyncGenerator<StagedRow[]> {
  let after = "";
  for (;;) {
    const rows = await db.$queryRawUnsafe<StagedRow[]>(
      `SELECT "sourceId", coalesce((SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(data) e WHERE e.key = ANY($5::text[])), '{}'::jsonb) AS data
         FROM "StagedRecord" WHERE "migrationId" = $1 AND collection = $2 AND "sourceId" > $3 ORDER BY "sourceId" LIMIT $4`,
      migrationId, collection, after, PAGE, [...ROUTING_KEYS],
    );
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.sourceId;
  }
}

const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

interface CompanyFacts {
  live: Set<string>;
  parents: Map<string, string | null>;
}

async function companyFacts(db: Db, migrationId: string): Promise<CompanyFacts> {
  const rows = await db.$queryRawUnsafe<{ sourceId: string; parent: string | null; deleted: string | null }[]>(
    `SELECT "sourceId", data->>'parent_company_id' AS parent, data->>'deleted_at' AS deleted
       FROM "StagedRecord" WHERE "migrationId" = $1 AND collection = 'companies'`,
    migrationId,
  );
  const live = new Set<string>();
  const parents = new Map<string, string | null>();
  for (const r of rows) {
    if (r.deleted) continue;
    live.add(r.sourceId);
    parents.set(r.sourceId, r.parent);
  }
  return { live, parents };
}

/**
 * Parent links that load in dependency order: a link to a missing company is dropped, and a
 * cycle is cut at its highest id (that company is written without a parent, and flagged).
 * Answers the kept parent per company, the cut ones, and the companies per hierarchy level.
 */
export function accountHierarchy(facts: CompanyFacts): { parent: Map<string, string | null>; cut: Map<string, string>; levels: string[][] } {
  const parent = new Map<string, string | null>();
  for (const [id, p] of facts.parents) parent.set(id, p && facts.live.has(p) ? p : null);
  const cut = new Map<string, string>();
  const state = new Map<string, 1 | 2>();
  for (const start of [...parent.keys()].sort()) {
    const path: string[] = [];
    let at: string | null = start;
    while (at !== null && !state.has(at)) {
      state.set(at, 1);
      path.push(at);
      at = parent.get(at) ?? null;
    }
    if (at !== null && state.get(at) === 1) {
      const cycle = path.slice(path.indexOf(at));
      const highest = [...cycle].sort().pop()!;
      cut.set(highest, parent.get(highest)!);
      parent.set(highest, null);
    }
    for (const p of path) state.set(p, 2);
  }
  const depth = new Map<string, number>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const chain: string[] = [];
    let at: string | null = id;
    while (at !== null && !depth.has(at)) {
      chain.push(at);
      at = parent.get(at) ?? null;
    }
    let d = at === null ? -1 : depth.get(at)!;
    for (const c of chain.reverse()) depth.set(c, ++d);
    return depth.get(id)!;
  };
  const levels: string[][] = [];
  for (const id of [...parent.keys()].sort()) (levels[depthOf(id)] ??= []).push(id);
  return { parent, cut, levels: levels.filter(Boolean) };
}

/**
 * Email → first source contact (lowest id) among live contacts, and every later one. Only
 * well-formed addresses clash: a malformed one is left out of the payload (field-values.ts
 * flags it), so two contacts sharing the same malformed text land as two contacts.
 */
async function duplicateEmails(db: Db, migrationId: string): Promise<Map<string, string>> {
  const rows = await db.$queryRawUnsafe<{ sourceId: string; first: string }[]>(
    `SELECT "sourceId", first FROM (
        SELECT "sourceId", first_value("sourceId") OVER (PARTITION BY lower(data->>'email') ORDER BY "sourceId") AS first
          FROM "StagedRecord"
         WHERE "migrationId" = $1 AND collection = 'contacts' AND data->>'email' ~ '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' AND data->>'deleted_at' IS NULL
      ) t WHERE "sourceId" <> first`,
    migrationId,
  );
  return new Map(rows.map((r) => [r.sourceId, r.first]));
}

export interface SeedResult {
  accountLevels: string[][];
  counts: Record<string, number>;
}

/** Collections a full run seeds before its first batch: what its root phases (accounts, products) write. */
export const SEEDED_FIRST = ["companies", "products"] as const;

/** One staged record's seeding decision: settled now (skipped, failed) or pending with its target. */
export interface SeedRow {
  sourceId: string;
  state: string;
  target?: string | null;
  reason?: string | null;
}

/**
 * The seeding rules over the staged records, page by page, without writing anything: `sink`
 * gets each page's decisions. The full run inserts them into the ledger (`seedLedger`); the
 * dry run keeps them as its predictions, so both read the same rules.
 */
export async function routeStaged(
  db: Db,
  migrationId: string,
  mapping: ApprovedMapping,
  collections: readonly string[],
  sink: (collection: string, rows: SeedRow[]) => Promise<void>,
): Promise<{ accountLevels: string[][] }> {
  const [facts, dupes] = await Promise.all([
    companyFacts(db, migrationId),
    collections.includes("contacts") ? duplicateEmails(db, migrationId) : new Map<string, string>(),
  ]);
  const hierarchy = accountHierarchy(facts);
  const mappedPipelineIds = new Set(mapping.stageMap.pipelines.filter((p) => p.destinationPipelineId !== null).map((p) => p.sourcePipelineId));
  const context: RouteContext = { knownCompanyIds: facts.live, mappedPipelineIds };
  // Reading the staged jsonb (decompressing it) and inserting ledger rows are both Postgres
  // work: two collections at a time, and each reads its next page while inserting this one,
  // so seeding 200k records takes about half as long as one page after another.
  const twoAtOnce = pLimit(2);
  await Promise.all(collections.filter((c) => c in OBJECT_OF).map((collection) => twoAtOnce(async () => {
    const object = OBJECT_OF[collection]!;
    const pages = staged(db, migrationId, collection);
    for (let next = pages.next(); ; ) {
      const current = await next;
      if (current.done) break;
      next = pages.next();
      const page = current.value;
      const rows = page.map((r): SeedRow => {
        const base = { sourceId: r.sourceId };
        const deleted = str(r.data.deleted_at);
        if (deleted) return { ...base, state: "skipped", reason: `soft-deleted at ${deleted}` };
        if (collection === "companies") {
          const cutFrom = hierarchy.cut.get(r.sourceId);
          return { ...base, state: "pending", target: "sales_accounts", reason: cutFrom ? `parent-company cycle with ${cutFrom}; the cycle is broken here (written without parent)` : null };
        }
        const dupeOf = collection === "contacts" ? dupes.get(r.sourceId) : undefined;
        const kept = dupeOf ? duplicateDecision(dupeOf, mapping.duplicateEmails ?? DEFAULT_DUPLICATE_EMAIL_POLICY) : undefined;
        if (kept && kept.state !== "pending") return { ...base, ...kept, target: "contacts" };
        const decision = routeRecord(object, r.data, mapping.routing, context);
        const t = decision.target;
        if (t.entity === "skip") {
          const orphan = collection === "activities" && !["contact_id", "company_id", "deal_id"].some((k) => str(r.data[k]));
          return { ...base, state: "skipped", reason: orphan ? "activity is linked to no contact, company or deal" : decision.reason };
        }
        if (t.entity === "fail") return { ...base, state: "failed", reason: `${object} ${r.sourceId}: ${decision.reason}` };
        if (collection === "activities" && !["contact_id", "company_id", "deal_id"].some((k) => str(r.data[k]))) {
          return { ...base, state: "skipped", target: t.entity, reason: "activity is linked to no contact, company or deal" };
        }
        return { ...base, state: "pending", target: ledgerTarget(t), reason: kept?.reason ?? null };
      });
      await sink(collection, rows);
    }
  })));
  return { accountLevels: hierarchy.levels };
}

/** The ledger's target for a route: a Contact at the Lead lifecycle stage is written down as "leads". */
export function ledgerTarget(t: RouteTarget): string {
  return t.entity === "contacts" && "lifecycleStage" in t && t.lifecycleStage ? "leads" : t.entity;
}

/**
 * Seeds `collections` (every source collection by default). A full run seeds SEEDED_FIRST as
 * it starts and the rest in its "seed" phase, beside the first accounts' writes.
 */
export async function seedLedger(db: Db, migrationId: string, runId: string, mapping: ApprovedMapping, collections: readonly string[] = Object.keys(OBJECT_OF)): Promise<SeedResult> {
  const counts: Record<string, number> = {};
  const { accountLevels } = await routeStaged(db, migrationId, mapping, collections, async (collection, rows) => {
    counts[collection] = (counts[collection] ?? 0) + (await insertRows(db, migrationId, collection, runId, rows));
  });
  return { accountLevels, counts };
}

/** One set-based INSERT per page (arrays unnested by Postgres); rows already there are kept. */
async function insertRows(db: Db, migrationId: string, objectType: string, runId: string, rows: SeedRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  return db.$executeRawUnsafe(
    `INSERT INTO "LedgerEntry" ("migrationId", "objectType", "sourceId", "runId", state, target, reason, "updatedAt")
     SELECT $1, $2, t.sid, $3, t.state, t.target, t.reason, now()
       FROM unnest($4::text[], $5::text[], $6::text[], $7::text[]) AS t(sid, state, target, reason)
     ON CONFLICT ("migrationId", "objectType", "sourceId") DO NOTHING`,
    migrationId, objectType, runId,
    rows.map((r) => r.sourceId), rows.map((r) => r.state), rows.map((r) => r.target ?? null), rows.map((r) => r.reason ?? null),
  );
}
