import { getMigrationOrThrow } from "@/lib/gates/data";
import { db } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";
import { withOrgUser } from "@/lib/server/route";
import { latestReconcile, reportOf } from "@/lib/verification/reconcile-service";
import { REPORT_PARTS, reportCsv, reportJson, type ReportPart } from "@/lib/verification/report-export";

/** The latest reconciliation report: `?format=json`, or CSV of one `part` (counts, diff, divergences). */
export const GET = withOrgUser<{ id: string }>(async (req, { user, params }) => {
  await getMigrationOrThrow(db(), user.organizationId, params.id);
  const run = await latestReconcile(db(), params.id);
  const report = run ? reportOf(run) : null;
  if (!run || !report) throw new NotFoundError("Reconciliation report");
  const q = new URL(req.url).searchParams;
  const reveal = q.get("reveal") === "1" && user.role === "ADMIN";
  const asked = q.get("part");
  const part: ReportPart = (REPORT_PARTS as readonly string[]).includes(asked ?? "") ? (asked as ReportPart) : "counts";
  const json = q.get("format") === "json";
  const body = json ? reportJson(report, reveal) : reportCsv(report, part, reveal);
  const name = json ? `reconciliation-${run.id}.json` : `reconciliation-${part}-${run.id}.csv`;
  return new Response(body, {
    headers: {
      "content-type": json ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
});
