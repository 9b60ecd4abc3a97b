import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VisualPracticeClient } from "@/lib/connectors/visual-practice/client";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { lookup } from "@/lib/connectors/freshsales/lookups";
import { getRecord } from "@/lib/connectors/freshsales/record-writes";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/roles";
import { SandboxClock } from "@/lib/sandbox/shared/clock";
import { type VisualPracticeServer } from "@/lib/sandbox/visual-practice/server";
import { createTenant, type Fixture } from "@/test/support/migration";
import { migratedPair, type MigratedPair } from "@/test/support/delta-window";
import { openDeltaWindow } from "./delta-window";
import { LOOK_BACK_MS, pollOnce } from "./poll-source";

// A source whose clock runs ten minutes behind ours, and polls that die half-way.
const CONFIG = { seed: 21, total: 300, dirtyRates: { control_chars: 0 } };
const SKEW_MS = 10 * 60_000;
let fx: Fixture;
let vp: VisualPracticeServer;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let conn: FreshsalesConnection;
let admin: Actor;
let runId: string;

let pair: MigratedPair;
beforeAll(async () => {
  pair = await migratedPair(CONFIG, { vpClock: new SandboxClock(1, Date.now() - SKEW_MS) });
  ({ fx, vp, tenant, conn, admin } = pair);
  runId = (await openDeltaWindow(db(), admin, tenant.migrationId, { windowHours: 24 })).runId;
});
afterAll(async () => pair?.close());

const written = (objectType: string) =>
  db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId, objectType, state: "written", action: "created" }, orderBy: { sourceId: "asc" }, take: 3 });

/** The source, except that listing `dieAt` throws: the poll stops there, as a killed worker would. */
function dyingSource(dieAt: string): VisualPracticeClient {
  const client = new VisualPracticeClient({ baseUrl: vp.baseUrl, token: vp.token });
  const iterate = client.iteratePages.bind(client);
  client.iteratePages = ((collection, options) => {
    if (collection === dieAt) throw new Error(`worker killed while listing ${dieAt}`);
    return iterate(collection, options);
  }) as typeof client.iteratePages;
  return client;
}

describe("delta window: the watermark and polls that die", () => {
  it("picks up a change the source stamped before our clock's watermark, once", async () => {
    const source = new VisualPracticeClient({ baseUrl: vp.baseUrl, token: vp.token });
    expect(await pollOnce({ db: db(), conn, source, mapping: fx.mapping }, runId)).toEqual([]);
    const [a] = await written("contacts");
    const changed = vp.update("contacts", a!.sourceId, { first_name: "Behind-Our-Clock" });
    const window = await db().run.findUniqueOrThrow({ where: { id: runId } });
    // The source's stamp is earlier than where the window stands: a 1-second overlap would miss it.
    expect(Date.parse(String(changed.updated_at))).toBeLessThan(window.watermark!.getTime());
    expect(window.watermark!.getTime() - Date.parse(String(changed.updated_at))).toBeLessThan(LOOK_BACK_MS);

    const picked = await pollOnce({ db: db(), conn, source, mapping: fx.mapping }, runId);
    expect(picked?.map((p) => `${p.sourceId}:${p.outcome}`)).toEqual([`${a!.sourceId}:updated`]);
    expect((await getRecord(conn, "contact", Number(a!.destId)))?.fields.first_name).toBe("Behind-Our-Clock");
    // Read again inside the look-back, it is not applied again.
    expect(await pollOnce({ db: db(), conn, source, mapping: fx.mapping }, runId)).toEqual([]);
  });

  it("loses nothing and applies nothing twice when three polls in a row die half-way", async () => {
    const [, b] = await written("contacts");
    const company = await db().ledgerEntry.findFirstOrThrow({ where: { migrationId: tenant.migrationId, objectType: "companies", state: "written" } });
    const owner = String(fx.ds.record("contacts", fx.ds.indexOf("contacts", b!.sourceId)!).owner_id);
    vp.update("contacts", b!.sourceId, { last_name: "Changed-Before-The-Kill" });
    const made = vp.create("contacts", { first_name: "Born", last_name: "Before-The-Kill", email: "born.before.kill@example.test", company_id: company.sourceId, owner_id: owner });

    // Contacts are read, staged and marked; the poll dies listing what comes after them.
    for (const dieAt of ["products", "deals", "activities"]) {
      await expect(pollOnce({ db: db(), conn, source: dyingSource(dieAt), mapping: fx.mapping }, runId)).rejects.toThrow(/worker killed/);
    }
    const source = new VisualPracticeClient({ baseUrl: vp.baseUrl, token: vp.token });
    await pollOnce({ db: db(), conn, source, mapping: fx.mapping }, runId);

    expect((await getRecord(conn, "contact", Number(b!.destId)))?.fields.last_name).toBe("Changed-Before-The-Kill");
    const born = (await lookup(conn, { value: String(made.id), field: "cf_vp_id", entities: ["contact"] })).contact;
    expect(born).toHaveLength(1);
    expect(born[0]?.fields.sales_account_id).toBe(Number(company.destId));
    const rows = await db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId, objectType: "contacts", sourceId: { in: [b!.sourceId, String(made.id)] } } });
    expect(rows.map((r) => r.state)).toEqual(["written", "written"]);
    expect(await pollOnce({ db: db(), conn, source, mapping: fx.mapping }, runId)).toEqual([]);
  });
});

describe("delta window: tasks and meetings", () => {
  // The default routing sends notes as tasks, so this dataset's activities are tasks and meetings.
  it("sends a task's and a meeting's source edits to the records the run created, once", async () => {
    const byTarget = async (target: string) =>
      db().ledgerEntry.findFirstOrThrow({ where: { migrationId: tenant.migrationId, objectType: "activities", state: "written", target }, orderBy: { sourceId: "asc" } });
    const task = await byTarget("tasks");
    const meeting = await byTarget("appointments");
    vp.update("activities", task.sourceId, { subject: "Task edited in the source" });
    vp.update("activities", meeting.sourceId, { subject: "Meeting moved", start_at: "2027-03-01T09:00:00Z", end_at: "2027-03-01T10:00:00Z" });

    const source = new VisualPracticeClient({ baseUrl: vp.baseUrl, token: vp.token });
    const picked = await pollOnce({ db: db(), conn, source, mapping: fx.mapping }, runId);
    expect(picked?.map((p) => `${p.sourceId}:${p.outcome}`).sort()).toEqual([task, meeting].map((r) => `${r.sourceId}:updated`).sort());

    const get = async (plural: string, id: string | null) => (await conn.request("GET", `${plural}/${id}`)).body as Record<string, Record<string, unknown>>;
    expect((await get("tasks", task.destId)).task?.title).toBe("Task edited in the source");
    const m = (await get("appointments", meeting.destId)).appointment;
    expect(m?.title).toBe("Meeting moved");
    expect(Date.parse(String(m?.from_date))).toBe(Date.parse("2027-03-01T09:00:00Z"));
    // The same destination records, not new ones; and a later poll sends nothing again.
    const after = await db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId, objectType: "activities", sourceId: { in: [task.sourceId, meeting.sourceId] } }, orderBy: { sourceId: "asc" } });
    expect(after.map((r) => `${r.sourceId}:${r.state}:${r.destId}`)).toEqual([task, meeting].sort((a, b) => a.sourceId.localeCompare(b.sourceId)).map((r) => `${r.sourceId}:written:${r.destId}`));
    expect(await pollOnce({ db: db(), conn, source, mapping: fx.mapping }, runId)).toEqual([]);
  });
});
