import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { db } from "../db";
import { ForbiddenError, UnauthorizedError } from "../errors";
import { authOptions } from "./options";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * The one choke point for identity: nothing else calls the auth library. Pages use the
 * `require*Page` helpers (redirect or 404); server actions and route handlers use the
 * `require*` helpers (typed errors the action client turns into safe messages).
 */
export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  organizationId: string | null;
}

export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  // Per-request by nature: never prerender a page that asks who is signed in.
  await connection();
  const session = (await getServerSession(authOptions())) as { uid?: string } | null;
  if (!session?.uid) return null;
  const user = await db().user.findUnique({
    where: { id: session.uid },
    select: { id: true, email: true, name: true, role: true, organizationId: true },
  });
  return user;
});

export interface OrgUser extends SessionUser {
  organizationId: string;
}

const RANK: Record<Role, number> = { MEMBER: 1, ADMIN: 2, ENGINEER: 0 };

export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new UnauthorizedError();
  return user;
}

/** A customer user of an organisation with at least `minRole`. Staff are not members. */
export async function requireOrgUser(minRole: "MEMBER" | "ADMIN" = "MEMBER"): Promise<OrgUser> {
  const user = await requireUser();
  if (!user.organizationId || user.role === "ENGINEER") throw new ForbiddenError("This is for customer accounts");
  if (RANK[user.role] < RANK[minRole]) throw new ForbiddenError("Only an admin can do that");
  return user as OrgUser;
}

export async function requireEngineer(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "ENGINEER") throw new ForbiddenError();
  return user;
}

export async function requireOrgUserPage(): Promise<OrgUser> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  if (user.role === "ENGINEER" || !user.organizationId) redirect("/staff");
  return user as OrgUser;
}

/** Staff pages answer 404 to everyone else, as if they did not exist. */
export async function requireEngineerPage(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  if (user.role !== "ENGINEER") notFound();
  return user;
}
