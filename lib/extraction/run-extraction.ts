import pLimit from "p-limit";
import type pg from "pg";
import type { Logger } from "pino";
import type { FileStore } from "@/lib/connectors/visual-practice/file-store";
import type { VpCollection } from "@/lib/connectors/visual-practice/records";
import { EXTRACTION_ORDER } from "./collections";
import { copyPageAttachments } from "./copy-attachments";
import type { SourcePage, SourceReader } from "./source-reader";
import { stagePage } from "./stage-page";


/** The API maximum: fewest requests per record. */
export const DEFAULT_PER_PAGE = 200;

export interface ExtractCollectionsOptions {
  pool: pg.Pool;
  reader: SourceReader;
  fileStore: FileStore;
  runId: string;
  migrationId: string;
  perPage?: number;
  collections?: readonly VpCollection[];
  log?: Logger;
  /** Collections extracted at once (default 2). */
  collectionConcurrency?: number;
  /** Stream attachment bytes into the file store (default true; benchmarks of staging turn it off). */
  copyAttachmentContent?: boolean;
  /** Called after each committed page (tests interrupt a run here). */
  afterPage?: (info: { collection: VpCollection; page: number }) => void | Promise<void>;
}

/** Thrown when another worker is already extracting this run (the job ran twice). */
export class ExtractionSupersededError extends Error {
  override name = "ExtractionSupersededError";
}

/**
 * Streams every collection into staging, resuming each from its checkpoint. Collections
 * already done are skipped, so calling this again after a crash finishes the job.
 */
export async function extractCollections(options: ExtractCollectionsOptions): Promise<void> {
  const { pool, runId } = options;
  const collections = options.collections ?? EXTRACTION_ORDER;
  await pool.query(
    `INSERT INTO "ExtractionCheckpoint" ("runId", "collection", "nextPage", "updatedAt")
     SELECT $1, c, 1, (now() at time zone 'utc') FROM unnest($2::text[]) AS c
     ON CONFLICT ("runId", "collection") DO NOTHING`,
    [runId, collections],
  );
  await recordTotals(options, collections);
  // Two collections at a time: each commits its pages in order on its own connection, so
  // Postgres works on two pages at once while the source fetches ahead for both.
  const limit = pLimit(options.collectionConcurrency ?? 2);
  const results = await Promise.allSettled(collections.map((collection) => limit(() => resumeCollection(options, collection))));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}

async function resumeCollection(options: ExtractCollectionsOptions, collection: VpCollection) {
  const { pool, runId } = options;
  const { rows } = await pool.query<{ nextPage: number; done: boolean; totalPages: number | null }>(
    `SELECT "nextPage", "done", "totalPages" FROM "ExtractionCheckpoint" WHERE "runId" = $1 AND "collection" = $2`,
    [runId, collection],
  );
  const cp = rows[0];
  if (!cp || cp.done) return;
  await pool.query(
    `UPDATE "ExtractionCheckpoint" SET "startedAt" = COALESCE("startedAt", (now() at time zone 'utc')) WHERE "runId" = $1 AND "collection" = $2`,
    [runId, collection],
  );
  await extractCollection(options, collection, cp.nextPage, cp.totalPages ?? undefined);
}

/** Best effort: totals up front let the progress panel tell the time left from the start. */
async function recordTotals(options: ExtractCollectionsOptions, collections: readonly VpCollection[]) {
  if (!options.reader.totals) return;
  const { rows } = await options.pool.query<{ collection: string }>(
    `SELECT "collection" FROM "ExtractionCheckpoint" WHERE "runId" = $1 AND "totalRecords" IS NULL AND NOT "done"`,
    [options.runId],
  );
  const missing = collections.filter((c) => rows.some((r) => r.collection === c));
  if (missing.length === 0) return;
  try {
    const totals = await options.reader.totals(missing);
    for (const [collection, total] of Object.entries(totals)) {
      if (total === undefined) continue;
      await options.pool.query(`UPDATE "ExtractionCheckpoint" SET "totalRecords" = $3 WHERE "runId" = $1 AND "collection" = $2 AND "totalRecords" IS NULL`, [
        options.runId,
        collection,
        total,
      ]);
    }
  } catch (error) {
    options.log?.warn({ err: error }, "record totals unavailable; time left shows once each collection starts");
  }
}

async function extractCollection(options: ExtractCollectionsOptions, collection: VpCollection, startPage: number, knownTotalPages: number | undefined) {
  const { pool, reader, runId, migrationId, log } = options;
  const perPage = options.perPage ?? DEFAULT_PER_PAGE;
  let nextPage = startPage;
  let totalPages = knownTotalPages;

  // A pass ends early when a page fails before the page count is known; once a second try
  // has told the count, another pass picks up where the first one stopped.
  for (let pass = 0; ; pass++) {
    const before = nextPage;
    for await (const fetched of reader.pages(collection, { startPage: nextPage, perPage })) {
      if (fetched.page !== nextPage) throw new Error(`${collection}: expected page ${nextPage}, the source gave page ${fetched.page}`);
      let page: SourcePage = fetched;
      if (!page.ok && reader.retryPage) page = await reader.retryPage(collection, page.page, perPage);
      if (page.ok && page.totalPages !== undefined) totalPages = Math.max(totalPages ?? 0, page.totalPages);
      const records = page.ok ? page.records : [];
      const problems = page.ok
        ? [...page.problems]
        : [{ recordId: null, field: "", message: `page ${page.page} could not be read (records ${(page.page - 1) * perPage + 1} to ${page.page * perPage} of the list are missing): ${page.message}` }];
      if (collection === "attachments" && records.length > 0 && options.copyAttachmentContent !== false) {
        problems.push(...(await copyPageAttachments(reader, options.fileStore, migrationId, records)));
      }
      const result = await stagePage(pool, {
        runId,
        migrationId,
        collection,
        page: page.page,
        records,
        problems,
        totalPages: page.ok ? page.totalPages : undefined,
        totalRecords: page.ok ? page.totalRecords : undefined,
      });
      if (!result.committed) throw new ExtractionSupersededError(`${collection} page ${page.page} was committed by another worker`);
      nextPage = page.page + 1;
      log?.debug({ collection, page: page.page, staged: result.staged, problems: result.problems }, "page staged");
      await options.afterPage?.({ collection, page: page.page });
    }
    const more = totalPages !== undefined && nextPage <= totalPages;
    if (!more || nextPage === before || pass > 3) break;
  }
  await finishCollection(pool, runId, migrationId, collection);
}

/** The lost page's problem above, as a LIKE pattern: finishing a collection looks for it (across resumes). */
const LOST_PAGE_PATTERN = "page % could not be read (records %";

/**
 * Marks the collection done. After a complete read, rows left from an earlier run are records
 * the source no longer lists, and go; after a read with lost pages they stay, since the missing
 * pages may hold them.
 */
async function finishCollection(pool: pg.Pool, runId: string, migrationId: string, collection: string) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // Only after a complete read: no page of this run (resumed or not) was lost.
    await client.query(
      `DELETE FROM "StagedRecord" WHERE "migrationId" = $1 AND "collection" = $2 AND "runId" <> $3
         AND NOT EXISTS (SELECT 1 FROM "ExtractionProblem" p WHERE p."runId" = $3 AND p."collection" = $2
                           AND p."recordId" IS NULL AND p."page" IS NOT NULL AND p."message" LIKE $4)`,
      [migrationId, collection, runId, LOST_PAGE_PATTERN],
    );
    await client.query(
      `UPDATE "ExtractionCheckpoint" SET "done" = true, "totalRecords" = COALESCE("totalRecords", "records"), "updatedAt" = (now() at time zone 'utc')
       WHERE "runId" = $1 AND "collection" = $2`,
      [runId, collection],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
