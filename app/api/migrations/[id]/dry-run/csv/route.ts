import { Readable } from "node:stream";
import { predictionsCsv } from "@/lib/migration/dry-run/predictions-csv";
import { latestDryRun } from "@/lib/migration/dry-run/service";
import { getMigrationOrThrow } from "@/lib/gates/data";
import { db } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";
import { withOrgUser } from "@/lib/server/route";

/** The latest dry run's per-record plan as CSV, streamed. */
export const GET = withOrgUser<{ id: string }>(async (_req, { user, params }) => {
  await getMigrationOrThrow(db(), user.organizationId, params.id);
  const latest = await latestDryRun(db(), user.organizationId, params.id);
  if (!latest || latest.status !== "done") throw new NotFoundError("Dry run");
  const body = Readable.toWeb(predictionsCsv(db(), latest.id)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="dry-run-${latest.id}.csv"`,
      "cache-control": "no-store",
    },
  });
});
