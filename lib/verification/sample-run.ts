/**
 * Executing one sample run: the previous sample leaves Freshsales, the slice is seeded on the
 * ledger (rows flagged `sample`), written by the engine's writers, read back and diffed field
 * by field. Idempotent: a second execution of the same run (a retried job) resumes from the
 * ledger and recomputes the diff.
 */
import { leadsDestination } from "@/lib/migration/write-leads";
import type { FileStore } from "@/lib/connectors/visual-practice/file-store";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { seedLedger } from "@/lib/migration/seed-ledger";
import { readRunJson } from "@/lib/migration/run-json";
import type { ApprovedMapping, EngineDeps, RunPolicies } from "@/lib/migration/types";
import { z } from "zod";
import { assertNotClosed } from "@/lib/gates/closed";
import type { Db } from "@/lib/server/db";
import { contextFor, settingsFor, writeInOrder } from "../migration/engine-bridge";
import { summarise, type DiffRow, type DiffSummary } from "./field-diff";
import { diffWritten, sensitivePathsOf, type RecordOutcome } from "./read-back";
import { removeSample, type RemovalResult } from "./remove-sample";
import { SLICE_COLLECTIONS, sliceSize, type Slice } from "./sample-slice";

export interface SampleSettings {
  size: number;
  slice: Slice;
}

export const sampleSettingsSchema: z.ZodType<SampleSettings> = z.object({
  size: z.number().int().positive(),
  slice: z.object(Object.fromEntries(SLICE_COLLECTIONS.map((c) => [c, z.array(z.string())])) as Record<(typeof SLICE_COLLECTIONS)[number], z.ZodArray<z.ZodString>>),
});

export interface SampleStats {
  phase: "removing" | "writing" | "diffing" | "done";
  removed?: RemovalResult;
  ledger?: Record<string, Record<string, number>>;
  summary?: DiffSummary;
  diff?: DiffRow[];
  outcomes?: RecordOutcome[];
  /** The approved map's versions the sample was written with: a sign-off holds only for them. */
  mappingVersions?: Record<string, string>;
  /** Where contacts without a company go in this run (Leads module or Contacts at the Lead stage), and why. */
  leads?: { target: "leads_module" | "contact_lifecycle_lead"; why: string };
}

export interface SampleDeps {
  db: Db;
  conn: FreshsalesConnection;
  mapping: ApprovedMapping;
  policies?: RunPolicies;
  files?: FileStore;
  attachmentKey?: EngineDeps["attachmentKey"];
  storageQuotaBytes?: number | null;
  chaos?: (point: string) => void;
  /** Test hook: runs after the writes, before the read-back (an edit in Freshsales in between). */
  beforeDiff?: () => Promise<void>;
}

/** Seeds the ledger for the slice only: the engine's seeding (same routing and reasons), kept to the slice. */
export async function seedSlice(db: Db, migrationId: string, runId: string, mapping: ApprovedMapping, slice: Slice): Promise<void> {
  await seedLedger(db, migrationId, runId, mapping);
  for (const collection of SLICE_COLLECTIONS) {
    await db.$executeRawUnsafe(
      `DELETE FROM "LedgerEntry" WHERE "migrationId" = $1 AND "runId" = $2 AND "objectType" = $3 AND attempts = 0 AND NOT ("sourceId" = ANY($4::text[]))`,
      migrationId, runId, collection, slice[collection],
    );
  }
  await db.$executeRawUnsafe(`DELETE FROM "LedgerEntry" WHERE "migrationId" = $1 AND "runId" = $2 AND NOT ("objectType" = ANY($3::text[]))`, migrationId, runId, [...SLICE_COLLECTIONS]);
  await db.$executeRawUnsafe(`UPDATE "LedgerEntry" SET sample = true WHERE "migrationId" = $1 AND "runId" = $2 AND NOT sample`, migrationId, runId);
}

async function ledgerCounts(db: Db, runId: string): Promise<Record<string, Record<string, number>>> {
  const rows = await db.$queryRawUnsafe<{ objectType: string; state: string; n: number }[]>(
    `SELECT "objectType", state, count(*)::int AS n FROM "LedgerEntry" WHERE "runId" = $1 AND sample GROUP BY 1, 2`,
    runId,
  );
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) (out[r.objectType] ??= {})[r.state] = r.n;
  return out;
}

export async function executeSampleRun(deps: SampleDeps, runId: string): Promise<"done" | "skipped"> {
  const { db } = deps;
  const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
  if (run.kind !== "sample" || run.status === "done" || run.status === "cancelled") return "skipped";
  const settings = readRunJson(sampleSettingsSchema, run.settings, run.id, "sample settings");
  const migrationId = run.migrationId;
  await assertNotClosed(db, migrationId);
  const save = (stats: SampleStats, extra: { status?: string; finishedAt?: Date } = {}) => db.run.update({ where: { id: runId }, data: { stats: stats as object, ...extra } });
  await db.run.update({ where: { id: runId }, data: { status: "running", startedAt: run.startedAt ?? new Date(), error: null } });

  await save({ phase: "removing" });
  const removed = await removeSample(db, deps.conn, migrationId, runId);
  await save({ phase: "writing", removed });
  await seedSlice(db, migrationId, runId, deps.mapping, settings.slice);
  const runSettings = await settingsFor(deps.conn, deps.mapping, deps.policies, deps.storageQuotaBytes ?? null);
  const ctx = contextFor({ db, conn: deps.conn, files: deps.files, attachmentKey: deps.attachmentKey, chaos: deps.chaos }, runId, migrationId, runSettings);
  await writeInOrder(ctx, settings.slice);

  await save({ phase: "diffing", removed, ledger: await ledgerCounts(db, runId) });
  await deps.beforeDiff?.();
  const { rows, outcomes } = await diffWritten(ctx, settings.slice, await sensitivePathsOf(db, migrationId));
  const stats: SampleStats = {
    phase: "done",
    removed,
    ledger: await ledgerCounts(db, runId),
    summary: summarise(rows),
    diff: rows,
    outcomes,
    mappingVersions: deps.mapping.versions ?? {},
    leads: leadsDestination(ctx),
  };
  await save(stats, { status: "done", finishedAt: new Date() });
  return "done";
}

export function requestedSize(settings: SampleSettings): { requested: number; chosen: number } {
  return { requested: settings.size, chosen: sliceSize(settings.slice) };
}
