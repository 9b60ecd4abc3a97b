import "server-only";
import { NextResponse } from "next/server";
import { isAppError, userMessageFor } from "./errors";
import { requireOrgUser, type OrgUser } from "./auth/session";

/**
 * Route handlers for the console's polling reads: session and organisation checked first;
 * typed errors answer with their status, anything else with a generic 500.
 */
export function withOrgUser<P>(handler: (req: Request, ctx: { user: OrgUser; params: P }) => Promise<Response>) {
  return async (req: Request, { params }: { params: Promise<P> }) => {
    try {
      const user = await requireOrgUser("MEMBER");
      return await handler(req, { user, params: await params });
    } catch (e) {
      const status = isAppError(e) ? e.status : 500;
      return NextResponse.json({ error: userMessageFor(e, { route: new URL(req.url).pathname }) }, { status });
    }
  };
}
