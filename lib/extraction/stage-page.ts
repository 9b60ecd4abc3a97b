import type pg from "pg";
import { canonicalJson, sha256Hex } from "./canonical-hash";
import type { SourceRecordProblem } from "./source-reader";

export interface StagePageInput {
  runId: string;
  migrationId: string;
  collection: string;
  page: number;
  records: Record<string, unknown>[];
  problems: SourceRecordProblem[];
  totalPages?: number;
  totalRecords?: number;
}

export type StagePageResult =
  | { committed: true; staged: number; problems: number }
  /** Another worker committed this page first (a job run twice): this one must stop. */
  | { committed: false };

interface Row {
  id: string;
  json: string;
  updatedAt: string | null;
  deleted: boolean;
  hash: string;
}

/** Timestamps are stored as UTC in `timestamp(3)` columns (Prisma's convention). */
function utcStamp(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  // Postgres timestamps span 4713 BC..294276 AD; far dates are real data, absurd ones are not.
  if (year < -4000 || year > 200_000) return null;
  return d.toISOString().replace(/Z$/, "").replace(/^\+/, "");
}

function toRow(record: Record<string, unknown>): Row {
  // jsonb keeps no key order, so the canonical text is both what is stored and what is hashed.
  const json = canonicalJson(record);
  return {
    id: String(record.id),
    json,
    updatedAt: utcStamp(record.updated_at),
    deleted: record.deleted_at !== undefined && record.deleted_at !== null,
    hash: sha256Hex(json),
  };
}

const UTC_NOW = `(now() at time zone 'utc')`;

const UPSERT = `
INSERT INTO "StagedRecord" ("migrationId", "collection", "sourceId", "data", "sourceUpdatedAt", "deleted", "hash", "runId", "extractedAt")
SELECT $1, $2, s.i, s.d, s.u::timestamp(3), s.x, s.h, $3, ${UTC_NOW}
FROM jsonb_to_recordset($4::jsonb) AS s(i text, d jsonb, u text, x bool, h text)
ON CONFLICT ("migrationId", "collection", "sourceId") DO UPDATE SET
  "data" = EXCLUDED."data", "sourceUpdatedAt" = EXCLUDED."sourceUpdatedAt", "deleted" = EXCLUDED."deleted",
  "hash" = EXCLUDED."hash", "runId" = EXCLUDED."runId", "extractedAt" = EXCLUDED."extractedAt"`;

const INSERT_PROBLEMS = `
INSERT INTO "ExtractionProblem" ("migrationId", "runId", "collection", "recordId", "field", "page", "message", "createdAt")
SELECT $1, $3, $2, p.rid, p.field, $5, p.message, ${UTC_NOW}
FROM unnest($6::text[], $7::text[], $8::text[]) AS p(rid, field, message)`;

const ADVANCE_CHECKPOINT = `
UPDATE "ExtractionCheckpoint" SET "nextPage" = $5 + 1, "records" = "records" + $9, "problems" = "problems" + $10,
  "totalPages" = COALESCE($11, "totalPages"), "totalRecords" = COALESCE($12, "totalRecords"), "updatedAt" = ${UTC_NOW}
WHERE "runId" = $3 AND "collection" = $2`;

/** Rows, problems and checkpoint in one statement: one round trip for the whole page. */
const COMMIT_PAGE = `WITH staged AS (${UPSERT}), noted AS (${INSERT_PROBLEMS}), advanced AS (${ADVANCE_CHECKPOINT}) SELECT 1`;

/** Locks the checkpoint and, in the same trip, finds the page's ids this run staged already. */
const LOCK_AND_LOOK = `
SELECT cp."nextPage", s."sourceId", to_char(s."sourceUpdatedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS upd, s."hash"
FROM (SELECT "nextPage" FROM "ExtractionCheckpoint" WHERE "runId" = $3 AND "collection" = $2 FOR UPDATE) cp
LEFT JOIN "StagedRecord" s ON s."migrationId" = $1 AND s."collection" = $2 AND s."runId" = $3 AND s."sourceId" = ANY($4::text[])`;

// A page lost to a database crash is lost together with its checkpoint, so the resume re-reads
// it: the flush to disk need not hold up the next page.
const BEGIN = "BEGIN; SET LOCAL synchronous_commit = off";

/**
 * Commits one page: its records (one multi-row upsert), its problems, and the checkpoint that
 * moves past it, all in one transaction, so a killed worker resumes at the next page with
 * nothing duplicated or skipped. The checkpoint row is locked first and must still point at
 * this page; otherwise another worker got here first and nothing is written.
 */
export async function stagePage(pool: pg.Pool, input: StagePageInput): Promise<StagePageResult> {
  const problems: SourceRecordProblem[] = [...input.problems];
  const byId = new Map<string, Record<string, unknown>>();
  for (const record of input.records) {
    const id = String(record.id);
    if (byId.has(id)) {
      problems.push({ recordId: id, field: "id", message: `id appears more than once on page ${input.page}; the last copy was kept` });
      byId.delete(id); // re-insert so the kept copy takes the later position
    }
    byId.set(id, record);
  }
  const rows = [...byId.values()].map(toRow);

  const client = await pool.connect();
  try {
    const fast = await attempt(client, input, rows, problems, false);
    if (fast !== "data_error") return fast;
    // One unstorable value must not cost the page: store its rows one by one instead.
    const slow = await attempt(client, input, rows, problems, true);
    if (slow === "data_error") throw new Error("unreachable: rows are stored one by one");
    return slow;
  } finally {
    client.release();
  }
}

async function attempt(
  client: pg.PoolClient,
  input: StagePageInput,
  rows: Row[],
  pageProblems: SourceRecordProblem[],
  oneByOne: boolean,
): Promise<StagePageResult | "data_error"> {
  const problems = [...pageProblems];
  try {
    await client.query(BEGIN);
    const looked = await client.query<{ nextPage: number; sourceId: string | null; upd: string | null; hash: string | null }>(LOCK_AND_LOOK, [
      input.migrationId,
      input.collection,
      input.runId,
      rows.map((r) => r.id),
    ]);
    if (looked.rows[0]?.nextPage !== input.page) {
      await client.query("ROLLBACK");
      return { committed: false };
    }
    const repeated = repeatedIds(input.page, rows, looked.rows);
    problems.push(...repeated.problems);
    let stored = rows;
    if (oneByOne) {
      stored = [];
      for (const row of rows) {
        try {
          await client.query("SAVEPOINT one_row");
          await client.query(UPSERT, [input.migrationId, input.collection, input.runId, rowsJson([row])]);
          stored.push(row);
        } catch (rowError) {
          if (!isDataError(rowError)) throw rowError;
          await client.query("ROLLBACK TO SAVEPOINT one_row");
          problems.push({ recordId: row.id, field: "", message: `record could not be stored: ${(rowError as Error).message}` });
        }
      }
    }
    const newlyStaged = stored.filter((r) => !repeated.ids.has(r.id)).length;
    await client.query(COMMIT_PAGE, [
      input.migrationId,
      input.collection,
      input.runId,
      rowsJson(oneByOne ? [] : rows),
      input.page,
      problems.map((p) => p.recordId),
      problems.map((p) => p.field || null),
      problems.map((p) => p.message),
      newlyStaged,
      problems.length,
      input.totalPages ?? null,
      input.totalRecords ?? null,
    ]);
    await client.query("COMMIT");
    return { committed: true, staged: newlyStaged, problems: problems.length };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    if (!oneByOne && isDataError(error)) return "data_error";
    throw error;
  }
}

/**
 * The rows as one JSON array for `jsonb_to_recordset`. Each record's canonical text is spliced in
 * as is: one plain text parameter instead of five arrays, so neither side escapes and unescapes
 * every record's JSON as an array element (that cost more than the rest of staging).
 */
function rowsJson(rows: Row[]): string {
  let out = "[";
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as Row;
    if (k > 0) out += ",";
    out += `{"i":${JSON.stringify(r.id)},"d":${r.json},"u":${r.updatedAt === null ? "null" : JSON.stringify(r.updatedAt)},"x":${r.deleted},"h":"${r.hash}"}`;
  }
  return `${out}]`;
}

/**
 * Ids this run already staged from an earlier page. A newer `updated_at` means the record was
 * edited while extraction ran and moved down the list: the newer copy replaces the old one,
 * which is expected. Otherwise the source listed one id twice: a problem worth showing.
 */
function repeatedIds(page: number, rows: Row[], found: { sourceId: string | null; upd: string | null; hash: string | null }[]) {
  const ids = new Set<string>();
  const problems: SourceRecordProblem[] = [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const old of found) {
    if (old.sourceId === null) continue;
    ids.add(old.sourceId);
    const row = byId.get(old.sourceId);
    if (!row) continue;
    const newer = row.updatedAt !== null && old.upd !== null && row.updatedAt > old.upd;
    if (newer) continue;
    problems.push({
      recordId: old.sourceId,
      field: "id",
      message:
        old.hash === row.hash
          ? `duplicate id: listed again on page ${page} with identical content`
          : `duplicate id: listed again on page ${page} with different content and no newer updated_at; the later copy was kept`,
    });
  }
  return { ids, problems };
}

/** SQLSTATE class 22 (data exception: bad JSON escape, out-of-range value...). */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("22");
}
