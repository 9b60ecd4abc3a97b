import { NextResponse } from "next/server";
import { db } from "@/lib/server/db";
import { withOrgUser } from "@/lib/server/route";
import { parseDiffFilter, sampleView } from "@/lib/verification/sample-view";

/** Polled by the Sample page: the latest sample and one filtered page of its diff. */
export const GET = withOrgUser<{ id: string }>(async (req, { user, params }) => {
  const filter = parseDiffFilter(new URL(req.url).searchParams);
  // Health data is shown only to admins who asked for it.
  filter.reveal = filter.reveal === true && user.role === "ADMIN";
  const view = await sampleView(db(), user.organizationId, params.id, filter);
  return NextResponse.json(view, { headers: { "cache-control": "no-store" } });
});
