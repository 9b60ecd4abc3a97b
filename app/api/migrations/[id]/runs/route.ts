import { NextResponse } from "next/server";
import { fullRunView } from "@/lib/migration/live-view";
import { db } from "@/lib/server/db";
import { withOrgUser } from "@/lib/server/route";

/** Polled by the full-run page: per-object counts by state, throughput, the budget gauge, failures. */
export const GET = withOrgUser<{ id: string }>(async (_req, { user, params }) => {
  const view = await fullRunView(db(), user.organizationId, params.id);
  return NextResponse.json(view, { headers: { "cache-control": "no-store" } });
});
