import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { verifyPassword } from "@/lib/server/auth/password";
import { acceptInvitation, createInvitation, signUp } from "./service";

describe("accounts", () => {
  const email = `founder-${Date.now()}@example.com`;

  it("sign-up creates an organisation whose first user is its admin, with a slow hash", async () => {
    const { organizationId, userId } = await signUp(db(), { organizationName: "Clinic", name: "F", email, password: "correct horse battery" });
    const user = await db().user.findUniqueOrThrow({ where: { id: userId }, omit: { passwordHash: false } });
    expect(user.role).toBe("ADMIN");
    expect(user.organizationId).toBe(organizationId);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.passwordHash, "correct horse battery")).toBe(true);
  });

  it("refuses a second sign-up with the same email", async () => {
    await expect(signUp(db(), { organizationName: "Other", name: "X", email, password: "another password" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("an invitation makes a MEMBER of the inviting organisation, once", async () => {
    const admin = await db().user.findUniqueOrThrow({ where: { email } });
    const invitee = `member-${Date.now()}@example.com`;
    const token = await createInvitation(db(), admin.organizationId!, { id: admin.id, email: admin.email }, invitee);
    await acceptInvitation(db(), token, "Member", "member password 1");
    const member = await db().user.findUniqueOrThrow({ where: { email: invitee } });
    expect(member).toMatchObject({ role: "MEMBER", organizationId: admin.organizationId });
    await expect(acceptInvitation(db(), token, "Again", "member password 2")).rejects.toBeInstanceOf(NotFoundError);
  });
});
