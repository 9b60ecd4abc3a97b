import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { OrgUser } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { ForbiddenError } from "@/lib/server/errors";
import { smallBundle, writeZip } from "../../test/support/bundle";

// The route handlers as Next runs them, minus the session cookie: the signed-in user is set here.
let signedIn: OrgUser;
vi.mock("server-only", () => ({}));
vi.mock("@/lib/server/auth/session", () => ({
  requireOrgUser: async (minRole: "MEMBER" | "ADMIN" = "MEMBER") => {
    if (minRole === "ADMIN" && signedIn.role !== "ADMIN") throw new ForbiddenError("Only an admin can do that");
    return signedIn;
  },
}));

const { POST: uploadBundle } = await import("@/app/api/migrations/[id]/connections/bundle/route");
const { GET: getConnections } = await import("@/app/api/migrations/[id]/connections/route");
const { saveFreshsales } = await import("./service");

let storeDir: string;
let zipDir: string;
let admin: OrgUser;
let member: OrgUser;
let stranger: OrgUser;
let migrationId: string;
const orgs: string[] = [];

async function post(zipFile: string | null, id = migrationId): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new FormData();
  if (zipFile) form.append("bundle", new Blob([await readFile(zipFile)]), "export.zip");
  const req = new Request(`http://127.0.0.1/api/migrations/${id}/connections/bundle`, { method: "POST", body: form });
  const res = await uploadBundle(req, { params: Promise.resolve({ id }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function storedBundles(): Promise<string[]> {
  return readdir(path.join(storeDir, "bundles", migrationId)).catch(() => []);
}

beforeAll(async () => {
  storeDir = await mkdtemp(path.join(tmpdir(), "routes-store-"));
  zipDir = await mkdtemp(path.join(tmpdir(), "routes-zips-"));
  process.env.FILE_STORE_DIR = storeDir;
  const make = async (name: string, role: "ADMIN" | "MEMBER", organizationId?: string): Promise<OrgUser> => {
    const orgId = organizationId ?? (await db().organization.create({ data: { name } })).id;
    if (!organizationId) orgs.push(orgId);
    const u = await db().user.create({ data: { email: `${name}-${orgId}@example.com`, passwordHash: "x", role, organizationId: orgId } });
    return { id: u.id, email: u.email, name: null, role, organizationId: orgId };
  };
  admin = await make("admin", "ADMIN");
  member = await make("member", "MEMBER", admin.organizationId);
  stranger = await make("stranger", "ADMIN");
});

beforeEach(async () => {
  signedIn = admin;
  migrationId = (await db().migration.create({ data: { name: "route", organizationId: admin.organizationId, createdById: admin.id } })).id;
});

afterAll(async () => {
  await db().organization.deleteMany({ where: { id: { in: orgs } } });
  await rm(storeDir, { recursive: true, force: true });
  await rm(zipDir, { recursive: true, force: true });
});

describe("POST /api/migrations/:id/connections/bundle", () => {
  it("streams a valid bundle into the store and saves it as the tested source", async () => {
    const { status, body } = await post(await writeZip(path.join(zipDir, "good.zip"), smallBundle()));
    expect(status).toBe(201);
    expect(body).toMatchObject({ mode: "bundle", bundleName: "export.zip", lastTestOk: true, lastTestSummary: { userCount: 2 } });
    expect(await storedBundles()).toHaveLength(1);
    const row = await db().connection.findFirstOrThrow({ where: { migrationId } });
    expect(row.bundleKey).toBe(`bundles/${migrationId}/${(await storedBundles())[0]}`);
  });

  it("answers a broken bundle with the file and line, saving nothing and keeping no file", async () => {
    const file = await writeZip(path.join(zipDir, "broken.zip"), { ...smallBundle(), "deals.csv": "id,name\nd_1,Big,extra\n" });
    const { status, body } = await post(file);
    expect(status).toBe(400);
    expect(body.error).toMatch(/^deals\.csv line 2: broken CSV/);
    expect(await db().connection.count({ where: { migrationId } })).toBe(0);
    expect(await storedBundles()).toEqual([]);
  });

  it("refuses members and other organisations before reading the upload", async () => {
    const file = await writeZip(path.join(zipDir, "ok.zip"), smallBundle());
    signedIn = member;
    expect((await post(file)).status).toBe(403);
    signedIn = stranger;
    const foreign = await post(file);
    expect(foreign).toEqual({ status: 404, body: { error: "Migration not found" } });
    expect(await storedBundles()).toEqual([]);
  });

  it("asks for a file when the form has none", async () => {
    const { status, body } = await post(null);
    expect(status).toBe(400);
    expect(body.error).toMatch(/Choose a \.zip file/);
  });
});

describe("GET /api/migrations/:id/connections", () => {
  it("shows members the connections with the secret masked", async () => {
    await saveFreshsales(db(), admin, migrationId, { domain: "acme", apiKey: "fs-very-secret-9876", plan: "growth" });
    signedIn = member;
    const res = await getConnections(new Request("http://127.0.0.1/x"), { params: Promise.resolve({ id: migrationId }) });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ visualPractice: null, freshsales: { baseUrl: "https://acme.myfreshworks.com/crm/sales/api", secretHint: "••••9876" }, ready: false });
    expect(text).not.toContain("fs-very-secret");
    signedIn = stranger;
    expect((await getConnections(new Request("http://127.0.0.1/x"), { params: Promise.resolve({ id: migrationId }) })).status).toBe(404);
  });
});
