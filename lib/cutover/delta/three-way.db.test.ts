import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VisualPracticeClient } from "@/lib/connectors/visual-practice/client";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { FreshsalesValidationError } from "@/lib/connectors/freshsales/errors";
import { getRecord, updateRecord } from "@/lib/connectors/freshsales/record-writes";
import { createTenant, type Fixture } from "@/test/support/migration";
import { migratedPair, type MigratedPair } from "@/test/support/delta-window";
import { db } from "@/lib/server/db";
import { type VisualPracticeServer } from "@/lib/sandbox/visual-practice/server";
import type { Actor } from "@/lib/server/roles";
import { decideConflict, decideConflictsInBulk } from "./conflicts";
import { openDeltaWindow } from "./delta-window";
import { pollOnce } from "./poll-source";
import { conflictFieldsSchema } from "./types";

// Three-way conflicts: the run's value, the source's new value and Freshsales' current value.
const CONFIG = { seed: 33, total: 200, dirtyRates: { control_chars: 0 } };
let fx: Fixture;
let vp: VisualPracticeServer;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let conn: FreshsalesConnection;
let admin: Actor;
let runId: string;

let pair: MigratedPair;
beforeAll(async () => {
  pair = await migratedPair(CONFIG);
  ({ fx, vp, tenant, conn, admin } = pair);
  runId = (await openDeltaWindow(db(), admin, tenant.migrationId, { windowHours: 24 })).runId;
});
afterAll(async () => pair?.close());

const poll = () => pollOnce({ db: db(), conn, source: new VisualPracticeClient({ baseUrl: vp.baseUrl, token: vp.token }), mapping: fx.mapping }, runId);
const fsContact = async (destId: string | null) => (await getRecord(conn, "contact", Number(destId)))?.fields;
const conflictOf = (sourceId: string) => db().deltaConflict.findFirst({ where: { migrationId: tenant.migrationId, objectType: "contacts", sourceId }, orderBy: { createdAt: "desc" } });
const fieldsOf = (c: { fields: unknown } | null) => conflictFieldsSchema.parse(c?.fields).map(({ field, written, source, destination, choice }) => ({ field, written, source, destination, choice }));

describe("three-way conflicts", () => {
  it("merges a field one side changed, lists only fields both changed differently, and writes the admin's choices", async () => {
    const rows = await db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId, objectType: "contacts", state: "written", target: "contacts", action: "created" }, orderBy: { sourceId: "asc" }, take: 5 });
    expect(rows).toHaveLength(5);
    const [a, b, e, g, h] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
    const atRun = new Map(await Promise.all(rows.map(async (r) => [r.sourceId, await fsContact(r.destId)] as const)));
    const runLast = (r: { sourceId: string }) => String(atRun.get(r.sourceId)?.last_name);
    const runFirst = (r: { sourceId: string }) => String(atRun.get(r.sourceId)?.first_name);

    await new Promise((r) => setTimeout(r, 1100));
    // a: each side changed a different field. b: both changed first_name alike, last_name differently.
    vp.update("contacts", a.sourceId, { first_name: "A-Source-First" });
    await updateRecord(conn, "contact", Number(a.destId), { last_name: "A-Fs-Last" });
    vp.update("contacts", b.sourceId, { first_name: "B-Both", last_name: "B-Source-Last" });
    await updateRecord(conn, "contact", Number(b.destId), { first_name: "B-Both", last_name: "B-Fs-Last" });
    // e: both changed both names differently. g, h: both changed last_name differently.
    vp.update("contacts", e.sourceId, { first_name: "E-Source-First", last_name: "E-Source-Last" });
    await updateRecord(conn, "contact", Number(e.destId), { first_name: "E-Fs-First", last_name: "E-Fs-Last" });
    for (const r of [g, h]) {
      vp.update("contacts", r.sourceId, { last_name: `${r.sourceId}-Source-Last` });
      await updateRecord(conn, "contact", Number(r.destId), { last_name: `${r.sourceId}-Fs-Last` });
    }

    const picked = await poll();
    expect(picked?.map((p) => `${p.sourceId}:${p.outcome}`).sort()).toEqual(
      [`${a.sourceId}:updated`, `${b.sourceId}:conflict`, `${e.sourceId}:conflict`, `${g.sourceId}:conflict`, `${h.sourceId}:conflict`].sort(),
    );
    // Merged without asking: the source's first name, Freshsales' own last name.
    expect(await fsContact(a.destId)).toMatchObject({ first_name: "A-Source-First", last_name: "A-Fs-Last" });
    expect(await conflictOf(a.sourceId)).toBeNull();
    // Only the field both changed differently, with the value at the run, the source's and Freshsales'.
    expect(fieldsOf(await conflictOf(b.sourceId))).toEqual([{ field: "last_name", written: runLast(b), source: "B-Source-Last", destination: "B-Fs-Last", choice: undefined }]);
    expect(fieldsOf(await conflictOf(e.sourceId)).map((f) => f.field).sort()).toEqual(["first_name", "last_name"]);
    expect(await fsContact(e.destId)).toMatchObject({ first_name: "E-Fs-First", last_name: "E-Fs-Last" });

    // A later source change of another field while g's conflict is open: merged; the conflict keeps the run's value as its base.
    await new Promise((r) => setTimeout(r, 1100));
    vp.update("contacts", g.sourceId, { first_name: "G-Later-First" });
    expect((await poll())?.map((p) => `${p.sourceId}:${p.outcome}`)).toEqual([`${g.sourceId}:conflict`]);
    expect(await fsContact(g.destId)).toMatchObject({ first_name: "G-Later-First", last_name: `${g.sourceId}-Fs-Last` });
    expect(fieldsOf(await conflictOf(g.sourceId))).toEqual([{ field: "last_name", written: runLast(g), source: `${g.sourceId}-Source-Last`, destination: `${g.sourceId}-Fs-Last`, choice: undefined }]);
    expect(await db().deltaConflict.count({ where: { migrationId: tenant.migrationId, status: "open" } })).toBe(4);

    const deps = { db: db(), conn, mapping: fx.mapping };
    // Keep Freshsales for b: nothing is written.
    const bConflict = (await conflictOf(b.sourceId))!;
    expect(await decideConflict({ db: db() }, admin, tenant.migrationId, bConflict.id, "keep_destination")).toMatchObject({ resolved: true });
    expect(await fsContact(b.destId)).toMatchObject({ first_name: "B-Both", last_name: "B-Fs-Last" });

    // Per field for e: a first choice leaves it open; the second resolves it and writes only the source's field.
    const eConflict = (await conflictOf(e.sourceId))!;
    await expect(decideConflict(deps, admin, tenant.migrationId, eConflict.id, { fields: { phone: "source" } })).rejects.toThrow(/contacts .*"phone" is not in conflict/);
    expect(await decideConflict(deps, admin, tenant.migrationId, eConflict.id, { fields: { first_name: "source" } })).toMatchObject({ resolved: false });
    expect((await conflictOf(e.sourceId))?.status).toBe("open");
    expect(await fsContact(e.destId)).toMatchObject({ first_name: "E-Fs-First", last_name: "E-Fs-Last" });
    expect(await decideConflict(deps, admin, tenant.migrationId, eConflict.id, { fields: { last_name: "destination" } })).toMatchObject({ resolved: true });
    expect(await fsContact(e.destId)).toMatchObject({ first_name: "E-Source-First", last_name: "E-Fs-Last" });
    expect((await conflictOf(e.sourceId))?.status).toBe("per_field");

    // In bulk: for all contacts, the source's last name.
    await expect(decideConflictsInBulk(deps, admin, tenant.migrationId, { objectType: "contacts", field: "phone", choice: "source" })).rejects.toThrow(/No open contacts conflict has the field "phone"/);
    expect(await decideConflictsInBulk(deps, admin, tenant.migrationId, { objectType: "contacts", field: "last_name", choice: "source" })).toMatchObject({ matched: 2, resolved: 2 });
    for (const r of [g, h]) expect((await fsContact(r.destId))?.last_name).toBe(`${r.sourceId}-Source-Last`);
    expect(await fsContact(h.destId)).toMatchObject({ first_name: runFirst(h) });
    expect(await db().deltaConflict.count({ where: { migrationId: tenant.migrationId, status: "open" } })).toBe(0);

    // Every decision is audited with its choices and the values written.
    const audit = await db().auditEvent.findMany({ where: { migrationId: tenant.migrationId, action: { startsWith: "delta.conflict" } }, orderBy: { seq: "asc" } });
    expect(audit.map((x) => x.action)).toEqual(["delta.conflict.decided", "delta.conflict.decided", "delta.conflict.decided", "delta.conflict.decided", "delta.conflicts.bulk_decided"]);
    expect(audit[1]?.detail).toMatchObject({ sourceId: e.sourceId, decision: "per_field", choices: { first_name: "source", last_name: "destination" }, written: { first_name: "E-Source-First" } });
    expect(audit[4]?.detail).toMatchObject({ objectType: "contacts", field: "last_name", choice: "source", matched: 2, resolved: 2 });

    // A source change after the admin kept Freshsales' value: the field Freshsales changed stays, nothing new to decide.
    await new Promise((r) => setTimeout(r, 1100));
    vp.update("contacts", b.sourceId, { first_name: "B-Later" });
    expect((await poll())?.map((p) => `${p.sourceId}:${p.outcome}`)).toEqual([`${b.sourceId}:updated`]);
    expect(await fsContact(b.destId)).toMatchObject({ first_name: "B-Later", last_name: "B-Fs-Last" });
  });

  it("loses nothing and writes nothing twice when a poll dies between recording the conflict and writing the merge", async () => {
    const [x] = await db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId, objectType: "contacts", state: "written", target: "contacts", action: "created" }, orderBy: { sourceId: "asc" }, skip: 5, take: 1 });
    const runLast = String((await fsContact(x!.destId))?.last_name);
    await new Promise((r) => setTimeout(r, 1100));
    vp.update("contacts", x!.sourceId, { first_name: "X-Source-First", last_name: "X-Source-Last" });
    await updateRecord(conn, "contact", Number(x!.destId), { last_name: "X-Fs-Last" });

    // The worker dies on the merge's write, three times in a row.
    const dying = Object.create(conn) as FreshsalesConnection;
    dying.request = async (method, path, options) => {
      if (method === "PUT" && path === `contacts/${x!.destId}`) throw new Error("worker killed before the merge was written");
      return conn.request(method, path, options);
    };
    const source = new VisualPracticeClient({ baseUrl: vp.baseUrl, token: vp.token });
    for (let i = 0; i < 3; i++) await expect(pollOnce({ db: db(), conn: dying, source, mapping: fx.mapping }, runId)).rejects.toThrow(/worker killed/);
    expect(await fsContact(x!.destId)).toMatchObject({ last_name: "X-Fs-Last" });
    expect((await fsContact(x!.destId))?.first_name).not.toBe("X-Source-First");

    expect((await poll())?.map((p) => `${p.sourceId}:${p.outcome}`)).toEqual([`${x!.sourceId}:conflict`]);
    expect(await fsContact(x!.destId)).toMatchObject({ first_name: "X-Source-First", last_name: "X-Fs-Last" });
    const conflicts = await db().deltaConflict.findMany({ where: { migrationId: tenant.migrationId, sourceId: x!.sourceId } });
    expect(conflicts).toHaveLength(1);
    expect(fieldsOf(conflicts[0]!)).toEqual([{ field: "last_name", written: runLast, source: "X-Source-Last", destination: "X-Fs-Last", choice: undefined }]);
    expect(await poll()).toEqual([]);
  });

  it("puts a source value Freshsales refuses before the admin with the reason, instead of failing every poll", async () => {
    const [y] = await db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId, objectType: "contacts", state: "written", target: "contacts", action: "created" }, orderBy: { sourceId: "asc" }, skip: 6, take: 1 });
    const runFirst = String((await fsContact(y!.destId))?.first_name);
    const runStamp = (await fsContact(y!.destId))?.cf_vp_updated_at;
    expect(runStamp).toBeDefined();
    await new Promise((r) => setTimeout(r, 1100));
    vp.update("contacts", y!.sourceId, { first_name: "Y-Refused-First" });
    await updateRecord(conn, "contact", Number(y!.destId), { last_name: "Y-Fs-Last" });
    const refusing = Object.create(conn) as FreshsalesConnection;
    refusing.request = async (method, path, options) => {
      const body = (options?.json as { contact?: Record<string, unknown> } | undefined)?.contact;
      if (method === "PUT" && path === `contacts/${y!.destId}` && body?.first_name !== undefined) throw new FreshsalesValidationError("400 Bad Request", 400, {}, "", undefined, ["first_name: is not allowed here"]);
      return conn.request(method, path, options);
    };
    const source = new VisualPracticeClient({ baseUrl: vp.baseUrl, token: vp.token });
    expect((await pollOnce({ db: db(), conn: refusing, source, mapping: fx.mapping }, runId))?.map((p) => `${p.sourceId}:${p.outcome}`)).toEqual([`${y!.sourceId}:conflict`]);
    const conflict = await conflictOf(y!.sourceId);
    expect(conflictFieldsSchema.parse(conflict?.fields)).toEqual([expect.objectContaining({ field: "first_name", written: runFirst, source: "Y-Refused-First", destination: runFirst, refused: "first_name: is not allowed here" })]);
    expect((await fsContact(y!.destId))?.cf_vp_updated_at).not.toEqual(runStamp);
    // The source's other change (its stamp) went through without it; the next poll does not send it again; taking the source names the record, the field and Freshsales' reason.
    expect(await pollOnce({ db: db(), conn: refusing, source, mapping: fx.mapping }, runId)).toEqual([]);
    await expect(decideConflict({ db: db(), conn: refusing, mapping: fx.mapping }, admin, tenant.migrationId, conflict!.id, "apply_source")).rejects.toThrow(
      new RegExp(`contacts ${y!.sourceId}: Freshsales refused the source's first_name: first_name: is not allowed here`),
    );
    expect(await decideConflict({ db: db() }, admin, tenant.migrationId, conflict!.id, "keep_destination")).toMatchObject({ resolved: true });
    expect(await fsContact(y!.destId)).toMatchObject({ first_name: runFirst, last_name: "Y-Fs-Last" });
  });

  it("sends a deal's changed line items while keeping the Freshsales edit of its name", async () => {
    const [deal] = await db().$queryRawUnsafe<{ sourceId: string; destId: string; lines: { product_id: string; quantity: number; unit_price: string | null }[] }[]>(
      `SELECT l."sourceId", l."destId", s.data->'line_items' AS lines FROM "LedgerEntry" l
         JOIN "StagedRecord" s ON s."migrationId" = l."migrationId" AND s.collection = l."objectType" AND s."sourceId" = l."sourceId"
        WHERE l."migrationId" = $1 AND l."objectType" = 'deals' AND l.state = 'written' AND l.action = 'created' AND jsonb_array_length(s.data->'line_items') > 0
          AND EXISTS (SELECT 1 FROM "LedgerEntry" p WHERE p."migrationId" = l."migrationId" AND p."objectType" = 'products' AND p."sourceId" = s.data->'line_items'->0->>'product_id' AND p."destId" IS NOT NULL)
        ORDER BY l."sourceId" LIMIT 1`,
      tenant.migrationId,
    );
    expect(deal).toBeDefined();
    const first = deal!.lines[0]!;
    const product = await db().ledgerEntry.findUniqueOrThrow({ where: { migrationId_objectType_sourceId: { migrationId: tenant.migrationId, objectType: "products", sourceId: first.product_id } } });
    await new Promise((r) => setTimeout(r, 1100));
    await updateRecord(conn, "deal", Number(deal!.destId), { name: "Deal renamed in Freshsales" });
    vp.update("deals", deal!.sourceId, { line_items: [{ ...first, quantity: 7 }] });

    expect((await poll())?.map((p) => `${p.sourceId}:${p.outcome}`)).toEqual([`${deal!.sourceId}:updated`]);
    const held = await getRecord(conn, "deal", Number(deal!.destId), ["products"]);
    expect(held?.fields.name).toBe("Deal renamed in Freshsales");
    expect((held?.fields.products as { id: number; quantity: number }[]).map((l) => `${l.id}x${l.quantity}`)).toEqual([`${product.destId}x7`]);
    expect(await poll()).toEqual([]);
  });
});
