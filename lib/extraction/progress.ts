import { getMigrationOrThrow } from "@/lib/gates/data";
import type { Db } from "@/lib/server/db";
import { EXTRACTION_ORDER } from "./collections";

export interface CollectionProgress {
  collection: string;
  records: number;
  /** From the source's `meta.total`; null until the first page answered (or for a bundle). */
  totalRecords: number | null;
  problems: number;
  pagesDone: number;
  totalPages: number | null;
  done: boolean;
}

/**
 * What the progress panel polls: the latest run, records per collection, throughput since the
 * run started, and time left at that pace. Tenant-scoped through the migration.
 */
export async function getExtractionProgress(db: Db, organizationId: string, migrationId: string, now = new Date()) {
  await getMigrationOrThrow(db, organizationId, migrationId);
  const run = await db.extractionRun.findFirst({
    where: { organizationId, migrationId },
    orderBy: { createdAt: "desc" },
    include: { checkpoints: true },
  });
  if (!run) return { run: null, collections: [], totals: null };
  const byName = new Map(run.checkpoints.map((c) => [c.collection, c]));
  const collections: CollectionProgress[] = EXTRACTION_ORDER.map((collection) => {
    const c = byName.get(collection);
    return {
      collection,
      records: c?.records ?? 0,
      totalRecords: c?.totalRecords ?? null,
      problems: c?.problems ?? 0,
      pagesDone: c ? c.nextPage - 1 : 0,
      totalPages: c?.totalPages ?? null,
      done: c?.done ?? false,
    };
  });
  const records = collections.reduce((n, c) => n + c.records, 0);
  const problems = collections.reduce((n, c) => n + c.problems, 0);
  const known = collections.every((c) => c.done || c.totalRecords !== null);
  const expected = known ? collections.reduce((n, c) => n + (c.done ? c.records : (c.totalRecords ?? 0)), 0) : null;
  const end = run.finishedAt ?? (run.status === "running" || run.status === "profiling" ? now : (lastUpdate(run.checkpoints) ?? now));
  const seconds = run.startedAt ? Math.max(0.001, (end.getTime() - run.startedAt.getTime()) / 1000) : null;
  const recordsPerSecond = seconds !== null && records > 0 ? records / seconds : null;
  const secondsLeft =
    run.status === "running" && expected !== null && recordsPerSecond ? Math.max(0, (expected - records) / recordsPerSecond) : null;
  return {
    run: {
      id: run.id,
      status: run.status,
      error: run.error,
      watermark: run.watermark?.toISOString() ?? null,
      startedAt: run.startedAt?.toISOString() ?? null,
      finishedAt: run.finishedAt?.toISOString() ?? null,
      createdAt: run.createdAt.toISOString(),
    },
    collections,
    totals: { records, expected, problems, recordsPerSecond, secondsLeft, elapsedSeconds: seconds },
  };
}

function lastUpdate(checkpoints: { updatedAt: Date }[]): Date | null {
  return checkpoints.reduce<Date | null>((max, c) => (max === null || c.updatedAt > max ? c.updatedAt : max), null);
}

export type ExtractionProgress = Awaited<ReturnType<typeof getExtractionProgress>>;

/** Problems of the latest run, newest page last, `limit` at a time after a keyset cursor. */
export async function listExtractionProblems(
  db: Db,
  organizationId: string,
  migrationId: string,
  query: { collection?: string; after?: bigint; limit: number },
) {
  await getMigrationOrThrow(db, organizationId, migrationId);
  const run = await db.extractionRun.findFirst({ where: { organizationId, migrationId }, orderBy: { createdAt: "desc" }, select: { id: true } });
  if (!run) return { problems: [], next: null };
  const rows = await db.extractionProblem.findMany({
    where: { migrationId, runId: run.id, ...(query.collection ? { collection: query.collection } : {}), ...(query.after ? { id: { gt: query.after } } : {}) },
    orderBy: { id: "asc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    problems: page.map((p) => ({
      id: p.id.toString(),
      collection: p.collection,
      recordId: p.recordId,
      field: p.field,
      page: p.page,
      message: p.message,
    })),
    next: rows.length > query.limit ? (page[page.length - 1]?.id.toString() ?? null) : null,
  };
}

export type ExtractionProblemsPage = Awaited<ReturnType<typeof listExtractionProblems>>;
