import { createHash, randomBytes } from "node:crypto";
import { appendAudit } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/server/db";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { hashPassword } from "@/lib/server/auth/password";
import type { SignUpInput } from "./schemas";

export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Sign-up creates an organisation whose first user is its ADMIN. */
export async function signUp(db: Db, input: SignUpInput) {
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new ConflictError("An account with this email already exists. Sign in instead.");
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const org = await tx.organization.create({ data: { name: input.organizationName } });
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, passwordHash, role: "ADMIN", organizationId: org.id },
      select: { id: true, email: true },
    });
    await appendAudit(tx, { organizationId: org.id, actor: user, action: "organization.created", detail: { name: org.name } });
    return { organizationId: org.id, userId: user.id };
  });
}

const INVITE_DAYS = 7;

/** Returns the one-time token; only its hash is stored. */
export async function createInvitation(db: Db, organizationId: string, invitedBy: { id: string; email: string }, email: string) {
  const taken = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (taken) throw new ConflictError("That email already has an account.");
  const token = randomBytes(24).toString("base64url");
  await db.invitation.create({
    data: {
      organizationId,
      email,
      role: "MEMBER",
      tokenHash: tokenHash(token),
      invitedById: invitedBy.id,
      expiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000),
    },
  });
  await appendAudit(db, { organizationId, actor: invitedBy, action: "member.invited", detail: { email } });
  return token;
}

export async function findOpenInvitation(db: Db, token: string) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: tokenHash(token) },
    include: { organization: { select: { name: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.expiresAt < new Date()) return null;
  return invitation;
}

export async function acceptInvitation(db: Db, token: string, name: string, password: string) {
  const invitation = await findOpenInvitation(db, token);
  if (!invitation) throw new NotFoundError("Invitation");
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count !== 1) throw new NotFoundError("Invitation");
    const user = await tx.user.create({
      data: { email: invitation.email, name, passwordHash, role: invitation.role, organizationId: invitation.organizationId },
      select: { id: true, email: true },
    });
    await appendAudit(tx, { organizationId: invitation.organizationId, actor: user, action: "member.joined", detail: { email: user.email } });
    return { email: user.email };
  });
}
