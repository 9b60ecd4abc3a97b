/**
 * What the Sample page shows: the latest sample run, its figures, a filtered page of its diff
 * (health data masked unless revealed), the records that were not written, and the sign-off.
 */
import { loadApprovedMapping } from "@/lib/mapping/review/approved";
import { getMigrationOrThrow } from "@/lib/gates/data";
import type { Db } from "@/lib/server/db";
import type { DiffRow, DiffSummary, Verdict } from "./field-diff";
import { maskRows } from "./report-export";
import type { RemovalResult } from "./remove-sample";
import type { RecordOutcome } from "./read-back";
import { readRunJson } from "@/lib/migration/run-json";
import { sampleSettingsSchema, type SampleStats } from "./sample-run";
import { currentSignOff, latestSample, sampleVersionHash } from "./sample-service";
import { sliceSize } from "./sample-slice";

export interface DiffFilter {
  verdict?: Verdict;
  mismatchesOnly?: boolean;
  object?: string;
  field?: string;
  reveal?: boolean;
  page?: number;
}

export const DIFF_PAGE = 100;

export function filterRows(rows: readonly DiffRow[], f: DiffFilter): DiffRow[] {
  return rows.filter(
    (r) =>
      (!f.mismatchesOnly || r.verdict === "mismatch") &&
      (!f.verdict || r.verdict === f.verdict) &&
      (!f.object || r.objectType === f.object) &&
      (!f.field || r.field === f.field),
  );
}

export interface SampleView {
  run: { id: string; status: string; phase: string | null; requested: number; chosen: number; error: string | null; createdAt: string; finishedAt: string | null } | null;
  summary: DiffSummary | null;
  ledger: Record<string, Record<string, number>>;
  removed: RemovalResult | null;
  rows: DiffRow[];
  total: number;
  page: number;
  pages: number;
  objects: string[];
  fields: string[];
  outcomes: RecordOutcome[];
  signOff: { approvedBy: string; approvedAt: string } | null;
  /** The approved map changed after this sample was written: it must run again before sign-off. */
  mapChanged: boolean;
  /** Where the sample's contacts without a company went, and why. */
  leads: { target: "leads_module" | "contact_lifecycle_lead"; why: string } | null;
}

export async function sampleView(db: Db, organizationId: string, migrationId: string, filter: DiffFilter = {}): Promise<SampleView> {
  await getMigrationOrThrow(db, organizationId, migrationId);
  const run = await latestSample(db, migrationId);
  const empty: SampleView = { run: null, summary: null, ledger: {}, removed: null, rows: [], total: 0, page: 1, pages: 0, objects: [], fields: [], outcomes: [], signOff: null, mapChanged: false, leads: null };
  if (!run) return empty;
  const settings = readRunJson(sampleSettingsSchema, run.settings, run.id, "sample settings");
  const stats = (run.stats ?? {}) as unknown as SampleStats;
  const all = stats.diff ?? [];
  const rows = filterRows(all, filter);
  const pages = Math.ceil(rows.length / DIFF_PAGE);
  const page = Math.min(Math.max(1, filter.page ?? 1), Math.max(1, pages));
  const approval = await currentSignOff(db, migrationId);
  const approved = run.status === "done" ? await loadApprovedMapping(db, organizationId, migrationId).catch(() => null) : null;
  const mapChanged = run.status === "done" && (!approved || JSON.stringify(Object.entries(approved.versions).sort()) !== JSON.stringify(Object.entries(stats.mappingVersions ?? {}).sort()));
  // A sign-off holds only for this sample written with the map versions approved now.
  const signOff = approval && approved && approval.versionHash === sampleVersionHash(run.id, approved.versions) ? approval : null;
  return {
    run: {
      id: run.id, status: run.status, phase: stats.phase ?? null, requested: settings.size, chosen: sliceSize(settings.slice), error: run.error,
      createdAt: run.createdAt.toISOString(), finishedAt: run.finishedAt?.toISOString() ?? null,
    },
    summary: stats.summary ?? null,
    ledger: stats.ledger ?? {},
    removed: stats.removed ?? null,
    rows: maskRows(rows.slice((page - 1) * DIFF_PAGE, page * DIFF_PAGE), filter.reveal === true),
    total: rows.length,
    page,
    pages,
    objects: [...new Set(all.map((r) => r.objectType))],
    fields: [...new Set(all.filter((r) => !filter.object || r.objectType === filter.object).map((r) => r.field))].sort(),
    outcomes: (stats.outcomes ?? []).slice(0, 200),
    signOff: signOff ? { approvedBy: signOff.approvedBy, approvedAt: signOff.approvedAt.toISOString() } : null,
    mapChanged,
    leads: stats.leads ?? null,
  };
}

export function parseDiffFilter(params: URLSearchParams): DiffFilter {
  const verdict = params.get("verdict");
  return {
    verdict: verdict === "equal" || verdict === "transformed" || verdict === "mismatch" || verdict === "dropped" ? verdict : undefined,
    mismatchesOnly: params.get("mismatches") === "1",
    object: params.get("object") || undefined,
    field: params.get("field") || undefined,
    reveal: params.get("reveal") === "1",
    page: Number(params.get("page") ?? 1) || 1,
  };
}
