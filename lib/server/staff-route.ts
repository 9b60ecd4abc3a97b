import "server-only";
import { NextResponse } from "next/server";
import { requireEngineer, type SessionUser } from "./auth/session";
import { isAppError, userMessageFor } from "./errors";

/** Staff route handlers: engineers only; everyone else gets the same 404 as a missing route. */
export function withEngineer<P>(handler: (req: Request, ctx: { user: SessionUser; params: P }) => Promise<Response>) {
  return async (req: Request, { params }: { params: Promise<P> }) => {
    try {
      const user = await requireEngineer();
      return await handler(req, { user, params: await params });
    } catch (e) {
      if (isAppError(e) && (e.status === 401 || e.status === 403)) return NextResponse.json({ error: "Not found" }, { status: 404 });
      const status = isAppError(e) ? e.status : 500;
      return NextResponse.json({ error: userMessageFor(e) }, { status });
    }
  };
}
