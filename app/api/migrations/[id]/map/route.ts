import { NextResponse } from "next/server";
import { getMapReview } from "@/lib/mapping/review/review-view";
import { db } from "@/lib/server/db";
import { withOrgUser } from "@/lib/server/route";

/** The Map screen's data: drafts, approval states, the destination as last read. */
export const GET = withOrgUser<{ id: string }>(async (_req, { user, params }) => {
  return NextResponse.json(await getMapReview(db(), user.organizationId, params.id));
});
