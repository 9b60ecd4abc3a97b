import { NextResponse } from "next/server";
import { getConnectionsView } from "@/lib/connections/data";
import { db } from "@/lib/server/db";
import { withOrgUser } from "@/lib/server/route";

/** Both connections of a migration as the browser may see them (secrets masked), for polling. */
export const GET = withOrgUser<{ id: string }>(async (_req, { user, params }) => {
  const view = await getConnectionsView(db(), user.organizationId, params.id);
  return NextResponse.json(view, { headers: { "cache-control": "no-store" } });
});
