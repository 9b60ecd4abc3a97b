import { NextResponse } from "next/server";
import { receiveBundleUpload } from "@/lib/connections/bundle-upload";
import { saveVisualPracticeBundle } from "@/lib/connections/service";
import { assertGateReachable } from "@/lib/gates/gate-service";
import { db } from "@/lib/server/db";
import { ForbiddenError } from "@/lib/server/errors";
import { withOrgUser } from "@/lib/server/route";

export const runtime = "nodejs";

/**
 * Upload of a Visual Practice export bundle (multipart, field `bundle`). Role and tenancy are
 * checked before a byte is read; the file streams to disk, is validated whole, and only then
 * saved as the connection. Errors name the file and line.
 */
export const POST = withOrgUser<{ id: string }>(async (req, { user, params }) => {
  if (user.role !== "ADMIN") throw new ForbiddenError("Only an admin can do that");
  await assertGateReachable(db(), user.organizationId, params.id, "connect");
  const received = await receiveBundleUpload(req, params.id);
  const view = await saveVisualPracticeBundle(db(), user, params.id, received);
  return NextResponse.json(view, { status: 201 });
});
