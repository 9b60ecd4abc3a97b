import { ownerReportCsv } from "@/lib/mapping/owner-resolution";
import { getMapReview } from "@/lib/mapping/review/review-view";
import { db } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";
import { withOrgUser } from "@/lib/server/route";

/** The owner-resolution report as CSV, one row per Visual Practice owner. */
export const GET = withOrgUser<{ id: string }>(async (_req, { user, params }) => {
  const view = await getMapReview(db(), user.organizationId, params.id);
  const owners = view.drafts.owners?.data;
  if (!owners) throw new NotFoundError("Owner report");
  const report = { rows: owners.report.rows, fallbackOwnerId: owners.resolution.fallbackOwnerId, summary: owners.report.summary } as Parameters<typeof ownerReportCsv>[0];
  return new Response(ownerReportCsv(report), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="owner-resolution-${params.id}.csv"` },
  });
});
