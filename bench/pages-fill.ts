/**
 * Fills a database with the rows a finished run of `total` records leaves behind (staging,
 * ledger, metrics, a reconcile report), by set-based SQL: a few seconds for a million records
 * instead of a run's minutes. For the pages bench only.
 */
import type { Db } from "@/lib/server/db";

/** Collection shares out of 20, close to the generator's mix. */
const MIX = `CASE WHEN i % 20 < 2 THEN 'companies' WHEN i % 20 < 8 THEN 'contacts' WHEN i % 20 < 10 THEN 'deals'
  WHEN i % 20 < 18 THEN 'activities' WHEN i % 20 = 18 THEN 'attachments' ELSE 'products' END`;
const PREFIX = `CASE WHEN i % 20 < 2 THEN 'co_' WHEN i % 20 < 8 THEN 'ct_' WHEN i % 20 < 10 THEN 'dl_'
  WHEN i % 20 < 18 THEN 'ac_' WHEN i % 20 = 18 THEN 'at_' ELSE 'pr_' END`;
const TARGET = `CASE WHEN i % 20 < 2 THEN 'sales_accounts' WHEN i % 20 < 8 THEN 'contacts' WHEN i % 20 < 10 THEN 'deals'
  WHEN i % 20 < 18 THEN 'tasks' WHEN i % 20 = 18 THEN 'documents' ELSE 'products' END`;
/** 2 % failed, 2 % skipped, the rest written; failures carry their record's id as real reasons do. */
const STATE = `CASE WHEN i % 50 = 0 THEN 'failed' WHEN i % 50 = 1 THEN 'skipped' ELSE 'written' END`;
const REASON = `CASE WHEN i % 50 = 0 THEN (CASE i % 150
    WHEN 0 THEN 'Freshsales refused: email "x' || i || '@example" is not a valid email'
    WHEN 50 THEN 'duplicate email of ' || ${PREFIX} || lpad((i - 50)::text, 9, '0')
    ELSE 'owner usr_' || (i % 37) || ' of ' || ${PREFIX} || lpad(i::text, 9, '0') || ' is not in the owner resolution' END)
  WHEN i % 50 = 1 THEN 'soft-deleted in Visual Practice' ELSE NULL END`;

export async function fillMillionRun(db: Db, tenant: { organizationId: string; migrationId: string; userId: string }, total: number): Promise<{ runId: string }> {
  const { organizationId, migrationId } = tenant;
  const started = new Date(Date.now() - 400_000);
  const run = await db.run.create({
    data: {
      organizationId, migrationId, kind: "full", status: "done_with_failures", startedAt: started, finishedAt: new Date(),
      stats: { phase: "attachments:deals", active: {}, done: ["seed", "companies:0", "contacts", "deals", "activities:contacts"], ledgerSeeded: true },
    },
  });
  await db.$executeRawUnsafe(
    `INSERT INTO "StagedRecord" ("migrationId", collection, "sourceId", data, hash, "runId")
     SELECT $1, ${MIX}, ${PREFIX} || lpad(i::text, 9, '0'),
            jsonb_build_object('id', ${PREFIX} || lpad(i::text, 9, '0'), 'name', 'Record ' || i, 'email', 'r' || i || '@example.test', 'owner_id', 'usr_' || (i % 37)),
            md5(i::text), 'extraction'
       FROM generate_series(1, $2) AS i`,
    migrationId, total,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "LedgerEntry" ("migrationId", "objectType", "sourceId", "runId", target, state, action, "destId", attempts, reason, "updatedAt")
     SELECT $1, ${MIX}, ${PREFIX} || lpad(i::text, 9, '0'), $3, ${TARGET}, ${STATE},
            CASE WHEN i % 50 > 1 THEN 'created' END, CASE WHEN i % 50 > 1 THEN (1000000 + i)::text END, 1, ${REASON}, now()
       FROM generate_series(1, $2) AS i`,
    migrationId, total, run.id,
  );
  // One metric row per batch of 100, spread over the run's 400 seconds.
  await db.$executeRawUnsafe(
    `INSERT INTO "RunMetric" ("runId", at, written, failed, skipped, calls)
     SELECT $1, $2::timestamptz + (b * interval '1 millisecond' * 400000 / ($3 / 100)), 96, 2, 2, 2
       FROM generate_series(1, $3 / 100) AS b`,
    run.id, started, total,
  );
  await db.run.create({ data: { organizationId, migrationId, kind: "reconcile", status: "done", startedAt: new Date(), finishedAt: new Date(), stats: JSON.parse(JSON.stringify(reconcileReport())) } });
  await db.$executeRawUnsafe(`ANALYZE "LedgerEntry"`);
  await db.$executeRawUnsafe(`ANALYZE "StagedRecord"`);
  await db.$executeRawUnsafe(`ANALYZE "RunMetric"`);
  return { runId: run.id };
}

/** A report of the reconcile job's size: six objects, 50 sampled records per object of ten fields each. */
function reconcileReport() {
  const objects = ["companies", "contacts", "products", "deals", "activities", "attachments"];
  const diff = objects.flatMap((objectType) => Array.from({ length: 500 }, (_, i) => ({
    objectType, sourceId: `${objectType}_${Math.floor(i / 10)}`, target: objectType, destId: String(i), field: `field_${i % 10}`, label: `Field ${i % 10}`,
    sensitive: i % 10 === 3, source: `value ${i}`, expected: `value ${i}`, destination: `value ${i}`, verdict: "equal",
  })));
  return {
    objects: objects.map((objectType) => ({ objectType, source: 1, ledger: { written: 1, skipped: 0, failed: 0, pending: 0, intent: 0 }, writtenRecords: 1, destination: 1, missing: [] })),
    diff,
    summary: { records: 300, fields: diff.length, byVerdict: { equal: diff.length, transformed: 0, mismatch: 0, dropped: 0 }, byObject: {} },
    divergences: [],
    explanations: {},
    sampledPerObject: 50,
    finishedAt: new Date().toISOString(),
  };
}
