import { NextResponse } from "next/server";
import { latestPreflight } from "@/lib/mapping/review/preflight";
import { db } from "@/lib/server/db";
import { withOrgUser } from "@/lib/server/route";

/** The last preflight result of the migration (null before the first run). */
export const GET = withOrgUser<{ id: string }>(async (_req, { user, params }) => {
  return NextResponse.json({ result: await latestPreflight(db(), user.organizationId, params.id) });
});
