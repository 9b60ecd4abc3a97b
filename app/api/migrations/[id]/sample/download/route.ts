import { db } from "@/lib/server/db";
import { withOrgUser } from "@/lib/server/route";
import { NotFoundError } from "@/lib/server/errors";
import { diffCsv } from "@/lib/verification/report-export";
import { latestSample } from "@/lib/verification/sample-service";
import { filterRows, parseDiffFilter } from "@/lib/verification/sample-view";
import type { SampleStats } from "@/lib/verification/sample-run";
import { getMigrationOrThrow } from "@/lib/gates/data";

/** The latest sample's diff as CSV, with the page's filters. */
export const GET = withOrgUser<{ id: string }>(async (req, { user, params }) => {
  await getMigrationOrThrow(db(), user.organizationId, params.id);
  const run = await latestSample(db(), params.id);
  if (!run) throw new NotFoundError("Sample");
  const filter = parseDiffFilter(new URL(req.url).searchParams);
  const rows = filterRows(((run.stats ?? {}) as unknown as SampleStats).diff ?? [], filter);
  const csv = diffCsv(rows, filter.reveal === true && user.role === "ADMIN");
  return new Response(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="sample-diff-${run.id}.csv"`, "cache-control": "no-store" },
  });
});
