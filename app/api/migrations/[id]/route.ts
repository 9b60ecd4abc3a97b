import { NextResponse } from "next/server";
import { getMigrationOrThrow } from "@/lib/gates/data";
import { gateStatuses, parseGateRecords } from "@/lib/gates/gates";
import { db } from "@/lib/server/db";
import { withOrgUser } from "@/lib/server/route";

export const GET = withOrgUser<{ id: string }>(async (_req, { user, params }) => {
  const m = await getMigrationOrThrow(db(), user.organizationId, params.id);
  return NextResponse.json({ id: m.id, name: m.name, gates: gateStatuses(parseGateRecords(m.gates)), closedAt: m.closedAt });
});
