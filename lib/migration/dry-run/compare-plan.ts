/**
 * The plan next to what happened: per object and outcome, the dry run's count and the
 * ledger's, and every record whose outcome differed, with both reasons. A ledger row's outcome
 * is its state, a written row's its action (created or updated); a row still pending or in
 * intent is "unsettled"; a record only one side has is "not planned" or "not in the ledger".
 */
import type { Db } from "@/lib/server/db";

export interface PlanDifference {
  objectType: string;
  sourceId: string;
  predicted: string;
  actual: string;
  predictedReason: string | null;
  actualReason: string | null;
}

export interface PlanComparison {
  byObject: Record<string, Record<string, { predicted: number; actual: number }>>;
  records: number;
  agreeing: number;
  differences: PlanDifference[];
  /** More differences than listed (the list stops at `limit`). */
  moreDifferences: number;
}

const ACTUAL = `CASE WHEN l."sourceId" IS NULL THEN 'not in the ledger'
  WHEN l.state = 'written' THEN coalesce(l.action, 'created')
  WHEN l.state IN ('skipped','failed') THEN l.state ELSE 'unsettled' END`;

export async function comparePlan(db: Db, migrationId: string, dryRunId: string, limit = 500): Promise<PlanComparison> {
  const joined = `FROM (SELECT * FROM "DryRunRecord" WHERE "dryRunId" = $2) d
      FULL JOIN (SELECT * FROM "LedgerEntry" WHERE "migrationId" = $1) l ON l."objectType" = d."objectType" AND l."sourceId" = d."sourceId"`;
  const counts = await db.$queryRawUnsafe<{ objectType: string; predicted: string | null; actual: string; n: number }[]>(
    `SELECT coalesce(d."objectType", l."objectType") AS "objectType", d.outcome AS predicted, ${ACTUAL} AS actual, count(*)::int AS n ${joined} GROUP BY 1, 2, 3`,
    migrationId, dryRunId,
  );
  const byObject: PlanComparison["byObject"] = {};
  let records = 0;
  let agreeing = 0;
  for (const c of counts) {
    const o = (byObject[c.objectType] ??= {});
    const predicted = c.predicted ?? "not planned";
    (o[predicted] ??= { predicted: 0, actual: 0 }).predicted += c.predicted ? c.n : 0;
    (o[c.actual] ??= { predicted: 0, actual: 0 }).actual += c.actual === "not in the ledger" ? 0 : c.n;
    records += c.n;
    if (predicted === c.actual) agreeing += c.n;
  }
  for (const o of Object.values(byObject)) {
    delete o["not planned"];
    delete o["not in the ledger"];
  }
  const differences = await db.$queryRawUnsafe<PlanDifference[]>(
    `SELECT coalesce(d."objectType", l."objectType") AS "objectType", coalesce(d."sourceId", l."sourceId") AS "sourceId",
            coalesce(d.outcome, 'not planned') AS predicted, ${ACTUAL} AS actual, d.reason AS "predictedReason", l.reason AS "actualReason"
       ${joined}
      WHERE coalesce(d.outcome, 'not planned') <> ${ACTUAL}
      ORDER BY 1, 2 LIMIT $3`,
    migrationId, dryRunId, limit,
  );
  return { byObject, records, agreeing, differences, moreDifferences: Math.max(0, records - agreeing - differences.length) };
}
