import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startFreshsalesEmulator, type FreshsalesEmulator } from "@/lib/sandbox/freshsales/server";
import type { OrgUser } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { ForbiddenError } from "@/lib/server/errors";

// The server actions as the browser calls them, with the signed-in user set here.
let signedIn: OrgUser;
vi.mock("server-only", () => ({}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/server/auth/session", () => ({
  requireOrgUser: async (minRole: "MEMBER" | "ADMIN" = "MEMBER") => {
    if (minRole === "ADMIN" && signedIn.role !== "ADMIN") throw new ForbiddenError("Only an admin can do that");
    return signedIn;
  },
  requireEngineer: async () => {
    throw new ForbiddenError();
  },
}));

const { deleteConnectionAction, saveFreshsalesAction, testConnectionAction } = await import("./actions");

const KEY = "fs-action-key-5150";
let fs: FreshsalesEmulator;
let admin: OrgUser;
let member: OrgUser;
let migrationId: string;
let orgId: string;

beforeAll(async () => {
  fs = await startFreshsalesEmulator({ apiKeys: [KEY] });
  orgId = (await db().organization.create({ data: { name: "Actions" } })).id;
  const make = async (role: "ADMIN" | "MEMBER"): Promise<OrgUser> => {
    const u = await db().user.create({ data: { email: `${role}-${orgId}@example.com`, passwordHash: "x", role, organizationId: orgId } });
    return { id: u.id, email: u.email, name: null, role, organizationId: orgId };
  };
  admin = await make("ADMIN");
  member = await make("MEMBER");
});

beforeEach(async () => {
  signedIn = admin;
  migrationId = (await db().migration.create({ data: { name: "actions", organizationId: orgId, createdById: admin.id } })).id;
});

afterAll(async () => {
  await db().organization.delete({ where: { id: orgId } });
  await fs?.close();
});

describe("connection actions", () => {
  it("save and test in one call, returning the masked view", async () => {
    const result = await saveFreshsalesAction({ migrationId, domain: fs.url, apiKey: KEY, plan: "pro" });
    expect(result.serverError).toBeUndefined();
    expect(result.data).toMatchObject({ plan: "pro", secretHint: "••••5150", lastTestOk: true, lastTestSummary: { ownerCount: 1 } });
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it("are for admins only: a member can neither save, test nor delete", async () => {
    await saveFreshsalesAction({ migrationId, domain: fs.url, apiKey: KEY, plan: "growth" });
    signedIn = member;
    const attempts = [
      await saveFreshsalesAction({ migrationId, domain: fs.url, apiKey: "other", plan: "free" }),
      await testConnectionAction({ migrationId, kind: "FRESHSALES" }),
      await deleteConnectionAction({ migrationId, kind: "FRESHSALES" }),
    ];
    for (const result of attempts) expect(result.serverError).toBe("Only an admin can do that");
    const row = await db().connection.findFirstOrThrow({ where: { migrationId } });
    expect(row.plan).toBe("growth");
    expect(await db().auditEvent.count({ where: { migrationId, actorId: member.id } })).toBe(0);
  });

  it("reject bad input with field messages and a bad address in plain words", async () => {
    const missing = await saveFreshsalesAction({ migrationId, domain: "", apiKey: KEY, plan: "growth" });
    expect(missing.validationErrors).toMatchObject({ domain: { _errors: ["Enter the Freshsales domain or API URL"] } });
    const spaced = await saveFreshsalesAction({ migrationId, domain: "acme corp", apiKey: KEY, plan: "growth" });
    expect(spaced.serverError).toBe("The Freshsales domain cannot contain spaces");
    expect(await db().connection.count({ where: { migrationId } })).toBe(0);
  });
});
