import { Readable } from "node:stream";
import { failuresCsv } from "@/lib/migration/failures-csv";
import { getMigrationOrThrow } from "@/lib/gates/data";
import { db } from "@/lib/server/db";
import { withOrgUser } from "@/lib/server/route";

/** Failed records with their reasons as CSV, streamed. */
export const GET = withOrgUser<{ id: string }>(async (_req, { user, params }) => {
  await getMigrationOrThrow(db(), user.organizationId, params.id);
  const body = Readable.toWeb(failuresCsv(db(), params.id)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="failed-records-${params.id}.csv"`,
      "cache-control": "no-store",
    },
  });
});
