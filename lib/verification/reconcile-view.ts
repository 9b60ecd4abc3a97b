import { getMigrationOrThrow } from "@/lib/gates/data";
import type { Db } from "@/lib/server/db";
import { unexplained, type ReconcileReport } from "./reconcile";
import { latestReconcile, reportOf } from "./reconcile-service";
import { maskRows } from "./report-export";

export interface ReconcileView {
  run: { id: string; status: string; error: string | null; createdAt: string; finishedAt: string | null } | null;
  report: ReconcileReport | null;
  unexplained: number;
}

/** The latest reconciliation, its diff masked unless revealed. */
export async function reconcileView(db: Db, organizationId: string, migrationId: string, reveal = false): Promise<ReconcileView> {
  await getMigrationOrThrow(db, organizationId, migrationId);
  const run = await latestReconcile(db, migrationId);
  if (!run) return { run: null, report: null, unexplained: 0 };
  const report = reportOf(run);
  return {
    run: { id: run.id, status: run.status, error: run.error, createdAt: run.createdAt.toISOString(), finishedAt: run.finishedAt?.toISOString() ?? null },
    report: report ? { ...report, diff: maskRows(report.diff, reveal) } : null,
    unexplained: report ? unexplained(report).length : 0,
  };
}
