import { stat } from "node:fs/promises";
import { listOwners, listPipelines } from "@/lib/connectors/freshsales/metadata";
import { VisualPracticeClient } from "@/lib/connectors/visual-practice/client";
import { VP_COLLECTIONS } from "@/lib/connectors/visual-practice/records";
import type { Connection } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/server/db";
import { checkBundleLayout, validateBundle } from "./bundle";
import { BundleError } from "./bundle-errors";
import { bundlePath } from "./bundle-store";
import { describeFailure, NotThatApiError } from "./describe-failure";
import { freshsalesFor } from "./open-clients";
import { isConnectionPlan } from "./plans";
import { openSecret } from "./secrets";
import type { FreshsalesFindings, TestSummary, VisualPracticeFindings } from "./types";

/** A test must answer while the admin waits: short timeouts, one retry. */
const TEST_TIMEOUT_MS = 10_000;
const TEST_RETRY = { retries: 1, minBackoffMs: 200, maxBackoffMs: 1000, maxRateLimitWaits: 2 };

/** One cheap real call (or a read of the bundle) through the connectors; never throws for a failed test. */
export async function probeConnection(db: Db, row: Connection): Promise<TestSummary> {
  if (row.kind === "VISUAL_PRACTICE") return row.mode === "bundle" ? probeBundle(row) : probeVisualPracticeApi(row);
  return probeFreshsales(db, row);
}

async function probeVisualPracticeApi(row: Connection): Promise<TestSummary> {
  const baseUrl = row.baseUrl ?? "";
  let client: VisualPracticeClient | undefined;
  try {
    client = new VisualPracticeClient({ baseUrl, token: openSecret(row), timeoutMs: TEST_TIMEOUT_MS, retry: TEST_RETRY, maxConcurrency: 2 });
    const { userCount, rateLimitPerWindow } = await client.testConnection();
    if (userCount === undefined) throw new NotThatApiError("no meta.total on /users");
    const totals = await client.totals(VP_COLLECTIONS);
    const findings: VisualPracticeFindings = {
      ok: true,
      kind: "VISUAL_PRACTICE",
      mode: "api",
      message: `Connected: ${userCount} users, ${sum(Object.values(totals))} records across ${VP_COLLECTIONS.length} collections.`,
      userCount,
      totals: Object.fromEntries(VP_COLLECTIONS.map((c) => [c, totals[c] ?? null])),
      rateLimitPerWindow: rateLimitPerWindow ?? null,
    };
    return findings;
  } catch (error) {
    return { ok: false, message: describeFailure(error, "Visual Practice", baseUrl) };
  } finally {
    client?.close();
  }
}

/**
 * A bundle's first test is a full read (every file parsed, every record counted). Stored
 * bundles never change under their key, so a re-test only proves the file is still there,
 * the same size, with a readable directory, and keeps the counts from that full read.
 */
export async function probeBundle(row: Pick<Connection, "bundleKey" | "bundleBytes" | "lastTestSummary">): Promise<TestSummary> {
  try {
    if (!row.bundleKey) return { ok: false, message: "No bundle has been uploaded." };
    const file = bundlePath(row.bundleKey);
    const { size } = await stat(file);
    if (row.bundleBytes !== null && BigInt(size) !== row.bundleBytes) return { ok: false, message: "The stored bundle is not the file that was uploaded; upload it again." };
    const previous = row.lastTestSummary as TestSummary | null;
    if (previous?.ok && previous.kind === "VISUAL_PRACTICE" && previous.mode === "bundle") {
      await checkBundleLayout(file);
      return { ...previous, message: `Bundle in place and unchanged. ${countsText(previous)}` };
    }
    return bundleFindings(await validateBundle(file));
  } catch (error) {
    if (error instanceof BundleError) return { ok: false, message: error.message };
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { ok: false, message: "The uploaded bundle is no longer in the file store; upload it again." };
    return { ok: false, message: describeFailure(error, "Visual Practice", "the bundle") };
  }
}

export function bundleFindings(summary: Awaited<ReturnType<typeof validateBundle>>): VisualPracticeFindings {
  const findings: VisualPracticeFindings = {
    ok: true,
    kind: "VISUAL_PRACTICE",
    mode: "bundle",
    message: "",
    userCount: summary.totals.users,
    totals: summary.totals,
    attachmentFiles: summary.attachmentFiles,
    attachmentsWithoutFile: summary.attachmentsWithoutFile,
  };
  return { ...findings, message: `Bundle read: ${countsText(findings)}` };
}

function countsText(f: VisualPracticeFindings): string {
  const missing = f.attachmentsWithoutFile ?? 0;
  return (
    `${f.userCount ?? 0} users, ${sum(Object.values(f.totals))} records across ${Object.keys(f.totals).length} files, ${f.attachmentFiles ?? 0} attachment files.` +
    (missing > 0 ? ` ${missing} attachment records have no file; extraction will report them.` : "")
  );
}

async function probeFreshsales(db: Db, row: Connection): Promise<TestSummary> {
  const baseUrl = row.baseUrl ?? "";
  let handle: ReturnType<typeof freshsalesFor> | undefined;
  try {
    handle = freshsalesFor(db, baseUrl, openSecret(row), isConnectionPlan(row.plan) ? row.plan : "free", { timeoutMs: TEST_TIMEOUT_MS, retry: TEST_RETRY, callsPerHour: row.callsPerHour });
    const owners = await listOwners(handle.connection);
    // Every Freshsales account has at least its admin; an empty answer is some other server.
    if (owners.length === 0) throw new NotThatApiError("no owners listed");
    const pipelines = await listPipelines(handle.connection);
    const findings: FreshsalesFindings = {
      ok: true,
      kind: "FRESHSALES",
      message: `Connected: ${owners.length} owners, ${pipelines.length} deal pipelines.`,
      ownerCount: owners.length,
      pipelines: pipelines.map((p) => ({ name: p.name, stages: p.stages.length, isDefault: p.isDefault })),
    };
    return findings;
  } catch (error) {
    return { ok: false, message: describeFailure(error, "Freshsales", baseUrl) };
  } finally {
    handle?.connection.close();
  }
}

function sum(values: (number | null | undefined)[]): number {
  return values.reduce<number>((total, v) => total + (v ?? 0), 0);
}
