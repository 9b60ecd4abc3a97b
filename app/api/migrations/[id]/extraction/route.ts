import { NextResponse } from "next/server";
import { getExtractionProgress } from "@/lib/extraction/progress";
import { db } from "@/lib/server/db";
import { withOrgUser } from "@/lib/server/route";

/** Polled every second by the extraction panel while a run is in progress. */
export const GET = withOrgUser<{ id: string }>(async (_req, { user, params }) => {
  const progress = await getExtractionProgress(db(), user.organizationId, params.id);
  return NextResponse.json(progress, { headers: { "cache-control": "no-store" } });
});
