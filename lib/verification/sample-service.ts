/**
 * The Sample step's decisions, checked on the server: who may request a sample (an admin, with
 * the map approved, the step open and no full run yet), and who may sign it off (an admin, for
 * the latest finished sample, written with the map versions still approved).
 */
import { createHash } from "node:crypto";
import { appendAudit } from "@/lib/audit/audit-log";
import { loadApprovedMapping } from "@/lib/mapping/review/approved";
import { assertGateReachable, completeGate, withdrawGate } from "@/lib/gates/gate-service";
import type { Db } from "@/lib/server/db";
import { AppError, ConflictError } from "@/lib/server/errors";
import { assertAdmin, type Actor } from "@/lib/server/roles";
import { chooseSlice, sliceSize } from "./sample-slice";
import type { SampleSettings, SampleStats } from "./sample-run";

const ACTIVE = ["queued", "running"];

export async function latestSample(db: Db, migrationId: string) {
  return db.run.findFirst({ where: { migrationId, kind: "sample" }, orderBy: { createdAt: "desc" } });
}

/** Creates the sample run with its slice; the caller enqueues the job after this commits. */
export async function requestSample(db: Db, user: Actor, migrationId: string, size: number): Promise<{ runId: string; chosen: number }> {
  assertAdmin(user);
  await assertGateReachable(db, user.organizationId, migrationId, "sample");
  await loadApprovedMapping(db, user.organizationId, migrationId);
  if (await db.run.findFirst({ where: { migrationId, kind: "full" }, select: { id: true } })) {
    throw new ConflictError("The full run has started: the sample can no longer be run again.");
  }
  if (await db.run.findFirst({ where: { migrationId, kind: "sample", status: { in: ACTIVE } }, select: { id: true } })) {
    throw new ConflictError("A sample is already running. Wait for it to finish.");
  }
  const slice = await chooseSlice(db, migrationId, size, `${Date.now()}`);
  const chosen = sliceSize(slice);
  if (chosen === 0) throw new AppError("There are no staged companies to sample. Run the extraction first.", 409, "nothing_to_sample");
  const settings: SampleSettings = { size, slice };
  const run = await db.run.create({
    data: { organizationId: user.organizationId, migrationId, kind: "sample", status: "queued", settings: settings as object, createdById: user.id },
  });
  // A new sample replaces the one signed off: its approval no longer describes what is in Freshsales.
  await db.approval.updateMany({ where: { migrationId, kind: "sample", withdrawnAt: null }, data: { withdrawnAt: new Date() } });
  await withdrawGate(db, user.organizationId, migrationId, "sample", user, "the sample is run again");
  await appendAudit(db, { organizationId: user.organizationId, migrationId, actor: user, action: "sample.requested", detail: { runId: run.id, size, chosen } });
  return { runId: run.id, chosen };
}

export function sampleVersionHash(runId: string, versions: Record<string, string>): string {
  const canonical = JSON.stringify({ runId, versions: Object.fromEntries(Object.entries(versions).sort(([a], [b]) => a.localeCompare(b))) });
  return createHash("sha256").update(canonical).digest("hex").slice(0, 40);
}

export async function signOffSample(db: Db, user: Actor, migrationId: string, runId: string, acceptMismatches: boolean): Promise<{ approvalId: string }> {
  assertAdmin(user);
  await assertGateReachable(db, user.organizationId, migrationId, "sample");
  const latest = await latestSample(db, migrationId);
  if (!latest || latest.id !== runId) throw new ConflictError("That is not the latest sample. Review the latest one and sign it off.");
  if (latest.status !== "done") throw new ConflictError("The sample has not finished yet.");
  const stats = latest.stats as unknown as SampleStats;
  const approved = await loadApprovedMapping(db, user.organizationId, migrationId);
  const same = JSON.stringify(Object.entries(stats.mappingVersions ?? {}).sort()) === JSON.stringify(Object.entries(approved.versions).sort());
  if (!same) throw new ConflictError("The map changed after this sample was written. Run the sample again before signing off.");
  const mismatches = stats.summary?.byVerdict.mismatch ?? 0;
  if (mismatches > 0 && !acceptMismatches) {
    throw new AppError(`The diff shows ${mismatches} mismatched ${mismatches === 1 ? "field" : "fields"}. Review them, then confirm you accept them, or change the map and run the sample again.`, 409, "mismatches");
  }
  const versionHash = sampleVersionHash(runId, approved.versions);
  const approvalId = await db.$transaction(async (tx) => {
    const active = await tx.approval.findMany({ where: { migrationId, kind: "sample", withdrawnAt: null } });
    const same = active.find((a) => a.versionHash === versionHash);
    if (same) return same.id;
    if (active.length > 0) await tx.approval.updateMany({ where: { id: { in: active.map((a) => a.id) } }, data: { withdrawnAt: new Date() } });
    const made = await tx.approval.create({ data: { migrationId, kind: "sample", versionHash, approvedById: user.id, approvedBy: user.email } });
    await handOverSample(tx, migrationId);
    await appendAudit(tx, {
      organizationId: user.organizationId, migrationId, actor: user, action: "sample.signed_off",
      detail: { runId, versionHash, versions: approved.versions, summary: stats.summary?.byVerdict ?? {}, acceptedMismatches: mismatches },
    });
    return made.id;
  });
  await completeGate(db, user.organizationId, migrationId, "sample", user);
  return { approvalId };
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * The signed-off sample's accounts, contacts and deals go back to the full run, to be upserted
 * again (same destination records, keyed by the source id): a sample deal could only link the
 * contacts inside the slice, and the full run writes its complete relations. A pre-existing
 * contact the sample updated keeps its captured prior values.
 */
export async function handOverSample(tx: Tx | Db, migrationId: string): Promise<number> {
  return tx.$executeRawUnsafe(
    `UPDATE "LedgerEntry" SET state = CASE WHEN action = 'updated' THEN 'intent' ELSE 'pending' END, "updatedAt" = now()
      WHERE "migrationId" = $1 AND sample AND "objectType" IN ('companies', 'contacts', 'deals') AND state = 'written' AND "destId" IS NOT NULL`,
    migrationId,
  );
}

/** The sign-off of the current sample that still holds, if any. */
export async function currentSignOff(db: Db, migrationId: string) {
  return db.approval.findFirst({ where: { migrationId, kind: "sample", withdrawnAt: null }, orderBy: { approvedAt: "desc" } });
}
