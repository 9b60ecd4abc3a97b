import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VisualPracticeClient } from "@/lib/connectors/visual-practice/client";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { getRecord } from "@/lib/connectors/freshsales/record-writes";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/roles";
import { SandboxClock } from "@/lib/sandbox/shared/clock";
import { type VisualPracticeServer } from "@/lib/sandbox/visual-practice/server";
import { createTenant, type Fixture } from "@/test/support/migration";
import { migratedPair, type MigratedPair } from "@/test/support/delta-window";
import { openDeltaWindow } from "./delta-window";
import { LOOK_BACK_MS, pollOnce } from "./poll-source";

// A poll slow enough (conflict checks waiting for the rate limit) that changes made while it
// lists its later collections are stamped more than the look-back after an earlier one's.
// The source runs on a compressed clock (×720: the 15-minute look-back is 1.25 real seconds).
const CONFIG = { seed: 51, total: 200, dirtyRates: { control_chars: 0 } };
const SCALE = 720;
let fx: Fixture;
let vp: VisualPracticeServer;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let conn: FreshsalesConnection;
let admin: Actor;
let runId: string;

let pair: MigratedPair;
beforeAll(async () => {
  pair = await migratedPair(CONFIG, { vpClock: new SandboxClock(SCALE) });
  ({ fx, vp, tenant, conn, admin } = pair);
  runId = (await openDeltaWindow(db(), admin, tenant.migrationId, { windowHours: 24 })).runId;
});
afterAll(async () => pair?.close());

const written = (objectType: string) =>
  db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId, objectType, state: "written", action: "created" }, orderBy: { sourceId: "asc" }, take: 2 });

describe("delta window: the watermark of a slow poll", () => {
  it("does not skip a change made to an earlier collection while a later one was being listed", async () => {
    const client = new VisualPracticeClient({ baseUrl: vp.baseUrl, token: vp.token });
    // The first poll reads the window from the run's stamp: it brings every collection's watermark up to the source's now.
    await pollOnce({ db: db(), conn, source: client, mapping: fx.mapping }, runId);
    const [contact] = await written("contacts");
    const [task] = (await written("activities")).filter((r) => r.target === "tasks");
    const slow = new VisualPracticeClient({ baseUrl: vp.baseUrl, token: vp.token });
    const iterate = slow.iteratePages.bind(slow);
    let changedAt = 0;
    slow.iteratePages = ((collection, options) => {
      if (collection !== "activities") return iterate(collection, options);
      // Contacts are listed already: this change is the next poll's. Then the poll is slow.
      changedAt = Date.parse(String(vp.update("contacts", contact!.sourceId, { job_title: "Changed mid-poll" }).updated_at));
      return (async function* () {
        await new Promise((r) => setTimeout(r, (LOOK_BACK_MS / SCALE) * 1.6));
        vp.update("activities", task!.sourceId, { subject: "Changed at the end of the poll" });
        yield* iterate(collection, options);
      })();
    }) as typeof slow.iteratePages;

    const first = await pollOnce({ db: db(), conn, source: slow, mapping: fx.mapping }, runId);
    expect(first?.map((p) => `${p.collection}/${p.sourceId}`)).toEqual([`activities/${task!.sourceId}`]);
    const window = await db().run.findUniqueOrThrow({ where: { id: runId } });
    // The latest stamp read is past the contact's change by more than the look-back.
    expect(window.watermark!.getTime() - LOOK_BACK_MS).toBeGreaterThan(changedAt);

    const next = await pollOnce({ db: db(), conn, source: client, mapping: fx.mapping }, runId);
    expect(next?.map((p) => `${p.collection}/${p.sourceId}:${p.outcome}`)).toEqual([`contacts/${contact!.sourceId}:updated`]);
    expect((await getRecord(conn, "contact", Number(contact!.destId)))?.fields.job_title).toBe("Changed mid-poll");
    expect(await pollOnce({ db: db(), conn, source: client, mapping: fx.mapping }, runId)).toEqual([]);
  });
});
