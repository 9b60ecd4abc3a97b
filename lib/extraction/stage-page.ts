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

/** Rows (already stored one by one), problems and checkpoint of the row-by-row fallback. */
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
 * The whole page in one statement, committed on its own: lock the checkpoint (it must still
 * point at this page), find the page's ids this run staged already, upsert the rows, record
 * the problems (those of the page, then each id listed again without a newer updated_at), and
 * advance the checkpoint. Every CTE sees the snapshot from before the upsert, so `old` is what
 * an earlier page left. A worker that loses the race for the lock finds the checkpoint moved
 * on, and every write is conditional on the lock, so it writes nothing. One round trip instead
 * of four: on a busy machine each trip waits for the scheduler twice.
 */
const COMMIT_PAGE_ALONE = `
WITH cp AS (
  SELECT "nextPage" FROM "ExtractionCheckpoint" WHERE "runId" = $3 AND "collection" = $2 AND "nextPage" = $5::int FOR UPDATE
), input AS (
  SELECT s.i, s.d, s.u::timestamp(3) AS u, s.x, s.h FROM jsonb_to_recordset($4::jsonb) AS s(i text, d jsonb, u text, x bool, h text)
), old AS (
  SELECT o."sourceId", o."sourceUpdatedAt" AS u, o."hash"
  FROM unnest($11::text[]) AS k(id)
  CROSS JOIN LATERAL (SELECT * FROM "StagedRecord" x WHERE x."migrationId" = $1 AND x."collection" = $2 AND x."sourceId" = k.id OFFSET 0) o
  WHERE o."runId" = $3
), dupes AS (
  SELECT o."sourceId" AS rid,
    'duplicate id: listed again on page ' || $5::int || CASE WHEN o."hash" = n.h THEN ' with identical content'
      ELSE ' with different content and no newer updated_at; the later copy was kept' END AS message
  FROM old o JOIN input n ON n.i = o."sourceId"
  WHERE NOT (n.u IS NOT NULL AND o.u IS NOT NULL AND n.u > o.u)
), staged AS (
  INSERT INTO "StagedRecord" ("migrationId", "collection", "sourceId", "data", "sourceUpdatedAt", "deleted", "hash", "runId", "extractedAt")
  SELECT $1, $2, n.i, n.d, n.u, n.x, n.h, $3, ${UTC_NOW} FROM input n WHERE EXISTS (SELECT 1 FROM cp)
  ON CONFLICT ("migrationId", "collection", "sourceId") DO UPDATE SET
    "data" = EXCLUDED."data", "sourceUpdatedAt" = EXCLUDED."sourceUpdatedAt", "deleted" = EXCLUDED."deleted",
    "hash" = EXCLUDED."hash", "runId" = EXCLUDED."runId", "extractedAt" = EXCLUDED."extractedAt"
), counts AS (
  SELECT (SELECT count(*) FROM input n WHERE NOT EXISTS (SELECT 1 FROM old o WHERE o."sourceId" = n.i))::int AS staged,
         (cardinality($8::text[]) + (SELECT count(*) FROM dupes))::int AS problems
), noted AS (
  INSERT INTO "ExtractionProblem" ("migrationId", "runId", "collection", "recordId", "field", "page", "message", "createdAt")
  SELECT $1, $3, $2, p.rid, p.field, $5::int, p.message, ${UTC_NOW}
  FROM (SELECT rid, field, message FROM unnest($6::text[], $7::text[], $8::text[]) AS q(rid, field, message)
        UNION ALL SELECT rid, 'id', message FROM dupes) p
  WHERE EXISTS (SELECT 1 FROM cp)
), advanced AS (
  UPDATE "ExtractionCheckpoint" SET "nextPage" = $5::int + 1, "records" = "records" + (SELECT staged FROM counts),
    "problems" = "problems" + (SELECT problems FROM counts),
    "totalPages" = COALESCE($9, "totalPages"), "totalRecords" = COALESCE($10, "totalRecords"), "updatedAt" = ${UTC_NOW}
  WHERE "runId" = $3 AND "collection" = $2 AND EXISTS (SELECT 1 FROM cp)
)
SELECT EXISTS (SELECT 1 FROM cp) AS locked, staged, problems FROM counts`;

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
    const fast = await commitAlone(client, input, rows, problems);
    if (fast !== "data_error") return fast;
    // One unstorable value must not cost the page: store its rows one by one instead.
    return await commitRowByRow(client, input, rows, problems);
  } finally {
    client.release();
  }
}

/** The usual case: the page in one statement (see COMMIT_PAGE_ALONE). */
async function commitAlone(
  client: pg.PoolClient,
  input: StagePageInput,
  rows: Row[],
  problems: SourceRecordProblem[],
): Promise<StagePageResult | "data_error"> {
  try {
    const { rows: result } = await client.query<{ locked: boolean; staged: number; problems: number }>(COMMIT_PAGE_ALONE, [
      input.migrationId,
      input.collection,
      input.runId,
      rowsJson(rows),
      input.page,
      problems.map((p) => p.recordId),
      problems.map((p) => p.field || null),
      problems.map((p) => p.message),
      input.totalPages ?? null,
      input.totalRecords ?? null,
      // The ids again as an array, each looked up on its own (LATERAL, kept from being flattened
      // by OFFSET 0): one primary-key probe per id. Joined any other way, a planner whose
      // statistics predate the bulk load may scan every row the collection has staged so far.
      rows.map((row) => row.id),
    ]);
    const r = result[0];
    if (!r?.locked) return { committed: false };
    return { committed: true, staged: r.staged, problems: r.problems };
  } catch (error) {
    if (isDataError(error)) return "data_error";
    throw error;
  }
}

/** Row by row, each behind a savepoint, in one transaction: the fallback when a value will not store. */
async function commitRowByRow(client: pg.PoolClient, input: StagePageInput, rows: Row[], pageProblems: SourceRecordProblem[]): Promise<StagePageResult> {
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
    const stored: Row[] = [];
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
    const newlyStaged = stored.filter((r) => !repeated.ids.has(r.id)).length;
    await client.query(COMMIT_PAGE, [
      input.migrationId,
      input.collection,
      input.runId,
      rowsJson([]),
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
