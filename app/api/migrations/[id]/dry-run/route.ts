import { NextResponse } from "next/server";
import { latestDryRun } from "@/lib/migration/dry-run/service";
import { getMigrationOrThrow } from "@/lib/gates/data";
import { db } from "@/lib/server/db";
import { withOrgUser } from "@/lib/server/route";

/** The migration's latest dry run (status and, once done, its plan), polled by the dry-run page. */
export const GET = withOrgUser<{ id: string }>(async (_req, { user, params }) => {
  await getMigrationOrThrow(db(), user.organizationId, params.id);
  return NextResponse.json({ dryRun: await latestDryRun(db(), user.organizationId, params.id) }, { headers: { "cache-control": "no-store" } });
});
