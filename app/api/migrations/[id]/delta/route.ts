import { NextResponse } from "next/server";
import { deltaView } from "@/lib/cutover/delta/delta-view";
import { db } from "@/lib/server/db";
import { withOrgUser } from "@/lib/server/route";

/** Polled by the Delta page: the window, last poll, records picked up and conflicts. */
export const GET = withOrgUser<{ id: string }>(async (_req, { user, params }) => {
  return NextResponse.json(await deltaView(db(), user.organizationId, params.id), { headers: { "cache-control": "no-store" } });
});
