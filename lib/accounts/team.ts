import type { Db } from "@/lib/server/db";

/** The team page's data: the organisation's members, oldest first, and its open invitations. */
export async function teamView(db: Db, organizationId: string) {
  const [members, invitations] = await Promise.all([
    db.user.findMany({ where: { organizationId }, orderBy: { createdAt: "asc" }, select: { id: true, email: true, name: true, role: true } }),
    db.invitation.findMany({
      where: { organizationId, acceptedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
      select: { id: true, email: true, expiresAt: true },
    }),
  ]);
  return { members, invitations };
}
