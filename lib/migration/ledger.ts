/**
 * The ledger: one row per (migration, source collection, source id). Every state change is
 * one small statement committed on its own, so a worker killed at any point leaves a row that
 * says exactly how far that record got.
 */
import type { Db } from "@/lib/server/db";
import type { LedgerState } from "./types";

export interface LedgerRow {
  sourceId: string;
  target: string | null;
  state: LedgerState;
  action: string | null;
  destId: string | null;
  attempts: number;
  reason: string | null;
  priorValues: unknown;
}

export interface Outcome {
  sourceId: string;
  state: LedgerState;
  target?: string | null;
  action?: string | null;
  destId?: string | null;
  reason?: string | null;
  payloadHash?: string | null;
}

export async function rowsById(db: Db, migrationId: string, objectType: string, sourceIds: readonly string[]): Promise<LedgerRow[]> {
  if (sourceIds.length === 0) return [];
  return db.$queryRawUnsafe<LedgerRow[]>(
    `SELECT "sourceId", target, state, action, "destId", attempts, reason, "priorValues"
       FROM "LedgerEntry" WHERE "migrationId" = $1 AND "objectType" = $2 AND "sourceId" = ANY($3::text[])`,
    migrationId, objectType, [...sourceIds],
  );
}

export async function countInStates(db: Db, migrationId: string, objectType: string, states: LedgerState[], sourceIds?: readonly string[]): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "LedgerEntry"
      WHERE "migrationId" = $1 AND "objectType" = $2 AND state = ANY($3::text[]) ${sourceIds ? `AND "sourceId" = ANY($4::text[])` : ""}`,
    ...[migrationId, objectType, states, ...(sourceIds ? [[...sourceIds]] : [])],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Destination ids of written (or partly written) records, for relationships: the ledger answers,
 * not the API. A pending row with a destination id is a record the cutover window is sending
 * again: it exists, and a deal changed in the same poll still links to it.
 */
export async function destIds(db: Db, migrationId: string, objectType: string, sourceIds: readonly string[]): Promise<Map<string, { destId: string; target: string | null }>> {
  const unique = [...new Set(sourceIds)];
  const out = new Map<string, { destId: string; target: string | null }>();
  if (unique.length === 0) return out;
  const rows = await db.$queryRawUnsafe<{ sourceId: string; destId: string; target: string | null }[]>(
    `SELECT "sourceId", "destId", target FROM "LedgerEntry"
      WHERE "migrationId" = $1 AND "objectType" = $2 AND "sourceId" = ANY($3::text[]) AND "destId" IS NOT NULL AND state IN ('written','intent','pending')`,
    migrationId, objectType, unique,
  );
  for (const r of rows) out.set(r.sourceId, { destId: r.destId, target: r.target });
  return out;
}

/** Records outcomes in one statement; `attempts` grows by one for each, so seeding-time rows stay apart. */
export async function record(db: Db, migrationId: string, objectType: string, runId: string, outcomes: readonly Outcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await db.$executeRawUnsafe(
    `UPDATE "LedgerEntry" AS l SET
        state = o.state,
        target = coalesce(o.target, l.target),
        action = coalesce(o.action, l.action),
        "destId" = coalesce(o.dest, l."destId"),
        reason = o.reason,
        "payloadHash" = coalesce(o.hash, l."payloadHash"),
        attempts = l.attempts + 1,
        "runId" = $3,
        "updatedAt" = now()
       FROM (SELECT * FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
                AS t(sid, state, target, action, dest, reason, hash)) AS o
      -- The ANY is redundant for the result; it lets the planner reach the rows by primary key
      -- even when its statistics are stale (else it hashed every row of the object type per batch).
      WHERE l."migrationId" = $1 AND l."objectType" = $2 AND l."sourceId" = ANY($4::text[]) AND l."sourceId" = o.sid`,
    migrationId, objectType, runId,
    outcomes.map((o) => o.sourceId),
    outcomes.map((o) => o.state),
    outcomes.map((o) => o.target ?? null),
    outcomes.map((o) => o.action ?? null),
    outcomes.map((o) => o.destId ?? null),
    outcomes.map((o) => o.reason ?? null),
    outcomes.map((o) => o.payloadHash ?? null),
  );
}

/** Captures the destination values an update will overwrite; never replaces an earlier capture. */
export async function capturePrior(db: Db, migrationId: string, objectType: string, sourceId: string, destId: string, prior: Record<string, unknown>): Promise<void> {
  await db.$executeRawUnsafe(
    `UPDATE "LedgerEntry" SET "priorValues" = coalesce("priorValues", $4::jsonb), "destId" = $5, action = 'updated', state = 'intent', "updatedAt" = now()
      WHERE "migrationId" = $1 AND "objectType" = $2 AND "sourceId" = $3`,
    migrationId, objectType, sourceId, JSON.stringify(prior), destId,
  );
}

/** Per collection and state, for the live counts. */
export async function stateCounts(db: Db, migrationId: string): Promise<{ objectType: string; state: string; n: number }[]> {
  return db.$queryRawUnsafe(
    `SELECT "objectType", state, count(*)::int AS n FROM "LedgerEntry" WHERE "migrationId" = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
    migrationId,
  );
}
