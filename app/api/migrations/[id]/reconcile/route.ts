import { NextResponse } from "next/server";
import { db } from "@/lib/server/db";
import { withOrgUser } from "@/lib/server/route";
import { reconcileView } from "@/lib/verification/reconcile-view";

/** Polled by the Reconcile page while a report is being built. */
export const GET = withOrgUser<{ id: string }>(async (req, { user, params }) => {
  const reveal = new URL(req.url).searchParams.get("reveal") === "1" && user.role === "ADMIN";
  return NextResponse.json(await reconcileView(db(), user.organizationId, params.id, reveal), { headers: { "cache-control": "no-store" } });
});
