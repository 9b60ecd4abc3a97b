import { createServer } from "node:net";
import { mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOwners } from "@/lib/connectors/freshsales/metadata";
import { parseGateRecords } from "@/lib/gates/gates";
import { startFreshsalesEmulator, type FreshsalesEmulator } from "@/lib/sandbox/freshsales/server";
import { startVisualPracticeServer, type VisualPracticeServer } from "@/lib/sandbox/visual-practice/server";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { NotFoundError } from "@/lib/server/errors";
import { smallBundle, writeZip } from "../../test/support/bundle";
import { decryptSecret } from "./crypto";
import { getConnectionsView } from "./data";
import { openDestination, openSourceClient } from "./open-clients";
import { deleteConnection, saveFreshsales, saveVisualPracticeApi, saveVisualPracticeBundle, testConnection, type Acting } from "./service";

const FS_KEY = "fs-key-secret-7781";
const VP_TOKEN = "vp-token-secret-4242";
let vp: VisualPracticeServer;
let fs: FreshsalesEmulator;
let storeDir: string;
let admin: Acting;
let otherAdmin: Acting;
const orgs: string[] = [];

async function newMigration(name: string, user = admin): Promise<string> {
  return (await db().migration.create({ data: { name, organizationId: user.organizationId, createdById: user.id! } })).id;
}

async function gates(migrationId: string) {
  return parseGateRecords((await db().migration.findUniqueOrThrow({ where: { id: migrationId } })).gates);
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  storeDir = await mkdtemp(path.join(tmpdir(), "connections-store-"));
  process.env.FILE_STORE_DIR = storeDir;
  expect(env().FILE_STORE_DIR).toBe(storeDir);
  vp = await startVisualPracticeServer({ seed: 11, total: 300, token: VP_TOKEN, ratePerSecond: false, dirtyRates: { soft_deleted: 0 } });
  fs = await startFreshsalesEmulator({ apiKeys: [FS_KEY], plan: "growth" });
  fs.admin.addUser({ display_name: "Dana Ortiz", email: "dana@example.com" });
  fs.admin.addUser({ display_name: "Eli Park", email: "eli@example.com" });
  fs.admin.addPipeline({ name: "Clinic referrals", stages: [{ name: "Referred" }, { name: "Booked", forecast_type: "Won" }] });
  for (const name of ["Acme", "Other"]) {
    const org = await db().organization.create({ data: { name } });
    orgs.push(org.id);
    const user = await db().user.create({ data: { email: `admin-${org.id}@example.com`, passwordHash: "x", role: "ADMIN", organizationId: org.id } });
    const acting = { id: user.id, email: user.email, organizationId: org.id };
    if (name === "Acme") admin = acting;
    else otherAdmin = acting;
  }
});

afterAll(async () => {
  await db().organization.deleteMany({ where: { id: { in: orgs } } });
  await Promise.all([vp?.close(), fs?.close()]);
  await rm(storeDir, { recursive: true, force: true });
});

describe("connection secrets", () => {
  it("are encrypted at rest, bound to the row, and never returned by the read functions", async () => {
    const migrationId = await newMigration("secrets");
    const saved = await saveFreshsales(db(), admin, migrationId, { domain: fs.apiBase, apiKey: FS_KEY, plan: "growth" });
    const [raw] = await db().$queryRaw<{ id: string; secretCiphertext: string }[]>`select id, "secretCiphertext" from "Connection" where id = ${saved.id}`;
    expect(raw!.secretCiphertext).toMatch(/^v1\./);
    expect(raw!.secretCiphertext).not.toContain(FS_KEY);
    expect(decryptSecret(raw!.secretCiphertext, env().ENCRYPTION_KEY, saved.id)).toBe(FS_KEY);
    expect(() => decryptSecret(raw!.secretCiphertext, env().ENCRYPTION_KEY, "another-connection")).toThrow();

    const view = await getConnectionsView(db(), admin.organizationId, migrationId);
    expect(view.freshsales?.secretHint).toBe("••••7781");
    expect(JSON.stringify(view)).not.toContain(FS_KEY);
    expect(JSON.stringify(saved)).not.toContain(FS_KEY);
    expect(JSON.stringify(view)).not.toContain(raw!.secretCiphertext);
  });

  it("are kept when an edit leaves the secret field empty", async () => {
    const migrationId = await newMigration("keep secret");
    const first = await saveFreshsales(db(), admin, migrationId, { domain: fs.apiBase, apiKey: FS_KEY, plan: "growth" });
    const edited = await saveFreshsales(db(), admin, migrationId, { domain: fs.apiBase, apiKey: "", plan: "pro" });
    expect(edited.id).toBe(first.id);
    expect(edited.plan).toBe("pro");
    const row = await db().connection.findUniqueOrThrow({ where: { id: first.id } });
    expect(decryptSecret(row.secretCiphertext!, env().ENCRYPTION_KEY, row.id)).toBe(FS_KEY);
    await expect(saveVisualPracticeApi(db(), admin, migrationId, { baseUrl: vp.baseUrl })).rejects.toThrow("Enter the Visual Practice API token");
  });
});

describe("tenancy", () => {
  it("answers another organisation's migration like a missing one, for every operation", async () => {
    const migrationId = await newMigration("tenancy");
    await saveFreshsales(db(), admin, migrationId, { domain: fs.apiBase, apiKey: FS_KEY, plan: "growth" });
    const attempts = [
      () => getConnectionsView(db(), otherAdmin.organizationId, migrationId),
      () => saveFreshsales(db(), otherAdmin, migrationId, { domain: fs.apiBase, apiKey: "x", plan: "free" }),
      () => saveVisualPracticeApi(db(), otherAdmin, migrationId, { baseUrl: vp.baseUrl, token: "x" }),
      () => testConnection(db(), otherAdmin, migrationId, "FRESHSALES"),
      () => deleteConnection(db(), otherAdmin, migrationId, "FRESHSALES"),
    ];
    for (const attempt of attempts) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as Error).message).toBe("Migration not found");
    }
    // The engine's entry point finds no connection for another organisation either.
    await expect(openDestination(db(), otherAdmin.organizationId, migrationId)).rejects.toThrow("Connect Freshsales first");
    expect(await db().connection.count({ where: { migrationId } })).toBe(1);
    expect((await db().connection.findFirstOrThrow({ where: { migrationId } })).plan).toBe("growth");
  });
});

describe("test connection against the sandbox servers", () => {
  it("stores what each system reports and completes the Connect gate when both pass", async () => {
    const migrationId = await newMigration("both");
    await saveVisualPracticeApi(db(), admin, migrationId, { baseUrl: vp.baseUrl, token: VP_TOKEN });
    await saveFreshsales(db(), admin, migrationId, { domain: fs.apiBase, apiKey: FS_KEY, plan: "growth" });

    const source = await testConnection(db(), admin, migrationId, "VISUAL_PRACTICE");
    expect(source.lastTestOk).toBe(true);
    expect(source.lastTestSummary).toMatchObject({ ok: true, userCount: vp.dataset.count("users") });
    const totals = (source.lastTestSummary as { totals: Record<string, number> }).totals;
    expect(totals.contacts).toBe(vp.dataset.count("contacts"));
    expect(totals.deals).toBe(vp.dataset.count("deals"));
    expect(await gates(migrationId)).toEqual({});

    const destination = await testConnection(db(), admin, migrationId, "FRESHSALES");
    expect(destination.lastTestSummary).toMatchObject({
      ok: true,
      ownerCount: 3,
      pipelines: [
        { name: "Sales Pipeline", stages: 6, isDefault: true },
        { name: "Clinic referrals", stages: 2, isDefault: false },
      ],
    });
    expect(destination.lastTestedAt).not.toBeNull();
    expect((await gates(migrationId)).connect?.by).toBe(admin.email);
    expect((await getConnectionsView(db(), admin.organizationId, migrationId)).ready).toBe(true);

    // Editing afterwards withdraws the gate and the old test result.
    const edited = await saveFreshsales(db(), admin, migrationId, { domain: fs.apiBase, apiKey: "", plan: "enterprise" });
    expect(edited.lastTestOk).toBeNull();
    expect(await gates(migrationId)).toEqual({});

    const actions = (await db().auditEvent.findMany({ where: { migrationId }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["connection.created", "connection.created", "connection.tested", "connection.tested", "gate.connect.done", "connection.updated", "gate.withdrawn"]);
    const details = JSON.stringify(await db().auditEvent.findMany({ where: { migrationId }, select: { detail: true } }));
    expect(details).not.toContain(FS_KEY);
    expect(details).not.toContain(VP_TOKEN);
  });

  it("says in plain words when the key is wrong, the host unreachable, or the server not Freshsales", async () => {
    const migrationId = await newMigration("failures");
    const outcome = async (domain: string, apiKey: string) => {
      await saveFreshsales(db(), admin, migrationId, { domain, apiKey, plan: "free" });
      const view = await testConnection(db(), admin, migrationId, "FRESHSALES");
      expect(view.lastTestOk).toBe(false);
      return view.lastTestSummary?.message;
    };
    expect(await outcome(fs.apiBase, "wrong-key")).toMatch(/Freshsales refused the API key \(401\)/);
    expect(await outcome(`http://127.0.0.1:${await closedPort()}/crm/sales/api`, FS_KEY)).toMatch(/Could not reach 127\.0\.0\.1:\d+: the connection was refused/);
    expect(await outcome(`${vp.url}/crm/sales/api`, FS_KEY)).toMatch(/did not answer like the Freshsales API/);

    await saveVisualPracticeApi(db(), admin, migrationId, { baseUrl: vp.baseUrl, token: "not-the-token" });
    const source = await testConnection(db(), admin, migrationId, "VISUAL_PRACTICE");
    expect(source.lastTestSummary?.message).toMatch(/Visual Practice refused the token \(401\)/);
    expect(await gates(migrationId)).toEqual({});
  });
});

describe("export bundles", () => {
  async function upload(migrationId: string, entries: Record<string, string | Buffer>) {
    const key = `bundles/${migrationId}/${Math.random().toString(36).slice(2)}.zip`;
    await mkdir(path.join(storeDir, "bundles", migrationId), { recursive: true });
    const file = await writeZip(path.join(storeDir, key), entries);
    return { key, name: "export.zip", bytes: (await stat(file)).size, file };
  }

  it("saves a valid bundle with its record totals, and hands extraction its path", async () => {
    const migrationId = await newMigration("bundle");
    const { file, ...uploaded } = await upload(migrationId, smallBundle());
    const view = await saveVisualPracticeBundle(db(), admin, migrationId, uploaded);
    expect(view).toMatchObject({ mode: "bundle", bundleName: "export.zip", bundleBytes: uploaded.bytes, lastTestOk: true, secretHint: null });
    expect(view.lastTestSummary).toMatchObject({ userCount: 2, totals: { companies: 1, contacts: 2, attachments: 1 } });
    expect(await openSourceClient(db(), admin.organizationId, migrationId)).toEqual({ mode: "bundle", path: file });

    // A re-test proves the stored file is still in place without reading it all again.
    const retested = await testConnection(db(), admin, migrationId, "VISUAL_PRACTICE");
    expect(retested.lastTestSummary).toMatchObject({ ok: true, message: expect.stringMatching(/^Bundle in place and unchanged\. 2 users/), totals: { contacts: 2 } });

    // Switching to the API replaces the bundle, and its file goes.
    await saveVisualPracticeApi(db(), admin, migrationId, { baseUrl: vp.baseUrl, token: VP_TOKEN });
    await expect(stat(file)).rejects.toMatchObject({ code: "ENOENT" });
    expect((await db().connection.findFirstOrThrow({ where: { migrationId } })).bundleKey).toBeNull();
    const source = await openSourceClient(db(), admin.organizationId, migrationId);
    expect(source.mode).toBe("api");
    if (source.mode === "api") {
      expect((await source.client.testConnection()).userCount).toBe(vp.dataset.count("users"));
      source.client.close();
    }
  });

  it("fails the test in plain words when the stored bundle has gone", async () => {
    const migrationId = await newMigration("bundle gone");
    const { file, ...uploaded } = await upload(migrationId, smallBundle());
    await saveVisualPracticeBundle(db(), admin, migrationId, uploaded);
    await rm(file);
    const view = await testConnection(db(), admin, migrationId, "VISUAL_PRACTICE");
    expect(view.lastTestOk).toBe(false);
    expect(view.lastTestSummary?.message).toBe("The uploaded bundle is no longer in the file store; upload it again.");
  });

  it("refuses a broken bundle before anything is saved, and deletes the file", async () => {
    const migrationId = await newMigration("bad bundle");
    const { file, ...uploaded } = await upload(migrationId, { ...smallBundle(), "contacts.csv": "id,first_name\nk_1,Ann,extra\n" });
    await expect(saveVisualPracticeBundle(db(), admin, migrationId, uploaded)).rejects.toThrow(/^contacts\.csv line 2: broken CSV/);
    expect(await db().connection.count({ where: { migrationId } })).toBe(0);
    await expect(stat(file)).rejects.toMatchObject({ code: "ENOENT" });
  });
});

describe("openDestination", () => {
  it("gives a governed connection on the shared Postgres budget, keyed without the API key", async () => {
    const migrationId = await newMigration("destination");
    await saveFreshsales(db(), admin, migrationId, { domain: fs.apiBase, apiKey: FS_KEY, plan: "pro" });
    const { connection, plan, governor } = await openDestination(db(), admin.organizationId, migrationId);
    try {
      expect(plan).toMatchObject({ id: "pro", perHour: 2000, perMinute: 400 });
      expect(governor.accountKey).not.toContain(FS_KEY);
      expect((await listOwners(connection)).length).toBe(3);
      const rows = await db().$queryRaw<{ account_key: string; calls: bigint }[]>`select account_key, calls from rate_budget where account_key = ${governor.accountKey}`;
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => Number(r.calls) >= 1)).toBe(true);
    } finally {
      connection.close();
    }
  });

  it("paces a custom hourly limit, and follows a lower limit the server states", async () => {
    const migrationId = await newMigration("custom-limit");
    const saved = await saveFreshsales(db(), admin, migrationId, { domain: fs.apiBase, apiKey: FS_KEY, plan: "growth", callsPerHour: 5000 });
    expect(saved.callsPerHour).toBe(5000);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { migrationId, action: "connection.created" } });
    expect(audit.detail).toMatchObject({ callsPerHour: 5000 });
    const { connection, governor } = await openDestination(db(), admin.organizationId, migrationId);
    try {
      expect(await governor.gauge()).toMatchObject({ limitPerHour: 5000, limitSource: "custom" });
      // The growth emulator states 1,000 an hour in X-RateLimit-Limit: the account has not
      // bought what the admin typed, so the run slows to the server's figure.
      await listOwners(connection);
      expect(await governor.gauge()).toMatchObject({ limitPerHour: 1000, limitSource: "server" });
    } finally {
      connection.close();
    }
    const cleared = await saveFreshsales(db(), admin, migrationId, { domain: fs.apiBase, apiKey: "", plan: "growth", callsPerHour: null });
    expect(cleared.callsPerHour).toBeNull();
  });

  it("deleting a connection removes it and withdraws the gate", async () => {
    const migrationId = await newMigration("delete");
    await saveFreshsales(db(), admin, migrationId, { domain: fs.apiBase, apiKey: FS_KEY, plan: "growth" });
    await deleteConnection(db(), admin, migrationId, "FRESHSALES");
    expect((await getConnectionsView(db(), admin.organizationId, migrationId)).freshsales).toBeNull();
    await expect(openDestination(db(), admin.organizationId, migrationId)).rejects.toThrow("Connect Freshsales first");
    const last = await db().auditEvent.findFirst({ where: { migrationId }, orderBy: { seq: "desc" } });
    expect(last?.action).toBe("connection.deleted");
  });
});
