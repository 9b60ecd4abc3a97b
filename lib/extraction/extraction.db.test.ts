import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import type { Collection } from "@/lib/sandbox/generator/config";
import { startVisualPracticeServer, type VisualPracticeServer } from "@/lib/sandbox/visual-practice/server";
import type { FileStore } from "@/lib/connectors/visual-practice/file-store";
import { attachmentKey } from "./copy-attachments";
import { closeExtractionPool } from "./pg-pool";
import { compareWithDataset, createMigrationFixture, createRun, extractFromSandbox, tempFileStore } from "../../test/support/extraction";

// The extraction job's body against the Visual Practice sandbox: every generated record must
// come out staged exactly once, under faults and across an interruption.
let vp: VisualPracticeServer;
let files: Awaited<ReturnType<typeof tempFileStore>>;

beforeAll(async () => {
  vp = await startVisualPracticeServer({ seed: 11, total: 3000, ratePerSecond: false, hugeAttachmentBytes: 64 * 1024 });
  files = await tempFileStore();
});

afterAll(async () => {
  await vp.close();
  await closeExtractionPool();
  await rm(files.dir, { recursive: true, force: true });
});

function expectExact(comparison: Awaited<ReturnType<typeof compareWithDataset>>) {
  for (const c of comparison) {
    expect({ collection: c.collection, staged: c.staged, missing: c.missing, unexpected: c.unexpected, duplicates: c.duplicates }).toEqual({
      collection: c.collection,
      staged: c.generated,
      missing: [],
      unexpected: [],
      duplicates: 0,
    });
    expect(c.changedWithoutProblem, c.collection).toEqual([]);
  }
}

describe("extraction into staging", () => {
  it("stages exactly the generated records through 429 storms, 5xx answers and hung requests", async () => {
    const fixture = await createMigrationFixture("faults");
    const run = await createRun(fixture.organizationId, fixture.migrationId);
    vp.faults.set({
      seed: 3,
      rules: [{ path: "/api/v1/", errorRates: { 429: 0.08, 503: 0.05, 500: 0.03 }, hangRate: 0.02, retryAfterSeconds: 0 }],
    });
    try {
      expect(await extractFromSandbox(vp, fixture, run.id, { fileStore: files.store })).toBe("done");
    } finally {
      vp.faults.clear();
    }
    expectExact(await compareWithDataset(vp.dataset, fixture.migrationId, run.id));

    const done = await db().extractionRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(done.status).toBe("done");
    expect(done.watermark).not.toBeNull();
    expect(done.watermark!.getTime()).toBeLessThanOrEqual(done.finishedAt!.getTime());
    const checkpoints = await db().extractionCheckpoint.findMany({ where: { runId: run.id } });
    expect(checkpoints.every((c) => c.done)).toBe(true);
    expect(checkpoints.find((c) => c.collection === "contacts")?.records).toBe(vp.dataset.count("contacts"));
    // Totals were asked up front (for "time left") and agree with the source.
    for (const c of checkpoints) expect(c.totalRecords, c.collection).toBe(vp.dataset.count(c.collection as Collection));

    // Attachment bytes landed in the file store with the announced sizes (0 bytes and "huge" included).
    const attachments = await db().stagedRecord.findMany({ where: { migrationId: fixture.migrationId, collection: "attachments", deleted: false } });
    expect(attachments.length).toBeGreaterThan(0);
    for (const a of attachments) {
      const size = (a.data as { size_bytes?: number }).size_bytes;
      expect(await files.store.size(attachmentKey(fixture.migrationId, a.sourceId))).toBe(size);
    }

    // The run completed the inventory gate for the admin who started it.
    const migration = await db().migration.findUniqueOrThrow({ where: { id: fixture.migrationId } });
    expect((migration.gates as Record<string, { by: string }>).inventory?.by).toBe(fixture.user.email);

    // Extracting again downloads only what is not already stored with its announced size.
    const removed = attachments.find((a) => ((a.data as { size_bytes?: number }).size_bytes ?? 0) > 0)!;
    await files.store.delete(attachmentKey(fixture.migrationId, removed.sourceId));
    let puts = 0;
    const counting: FileStore = {
      put: (key, content) => {
        puts++;
        return files.store.put(key, content);
      },
      get: (key) => files.store.get(key),
      size: (key) => files.store.size(key),
      delete: (key) => files.store.delete(key),
    };
    const again = await createRun(fixture.organizationId, fixture.migrationId);
    expect(await extractFromSandbox(vp, fixture, again.id, { fileStore: counting, collections: ["attachments"] })).toBe("done");
    expect(puts).toBe(1);
    expect(await files.store.size(attachmentKey(fixture.migrationId, removed.sourceId))).toBe((removed.data as { size_bytes: number }).size_bytes);
  });

  it("resumes an interrupted run at the next page: nothing duplicated, nothing skipped", async () => {
    const fixture = await createMigrationFixture("resume");
    const run = await createRun(fixture.organizationId, fixture.migrationId);
    let pages = 0;
    const interrupt = () => {
      if (++pages === 9) throw new Error("worker killed");
    };
    await expect(extractFromSandbox(vp, fixture, run.id, { fileStore: files.store, perPage: 50, afterPage: interrupt })).rejects.toThrow("worker killed");
    const halfway = await db().extractionRun.findUniqueOrThrow({ where: { id: run.id }, include: { checkpoints: true } });
    expect(halfway.status).toBe("failed");
    const stagedHalfway = await db().stagedRecord.count({ where: { migrationId: fixture.migrationId } });
    expect(stagedHalfway).toBeGreaterThan(0);
    expect(halfway.checkpoints.some((c) => !c.done)).toBe(true);
    const problemsHalfway = await db().extractionProblem.count({ where: { runId: run.id } });

    expect(await extractFromSandbox(vp, fixture, run.id, { fileStore: files.store, perPage: 50 })).toBe("done");
    expectExact(await compareWithDataset(vp.dataset, fixture.migrationId, run.id));
    const resumed = await db().extractionRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(resumed.watermark?.getTime()).toBe(halfway.watermark?.getTime());

    // Problems of the pages committed before the interruption are not recorded twice.
    const problems = await db().extractionProblem.findMany({ where: { runId: run.id } });
    expect(problems.length).toBeGreaterThanOrEqual(problemsHalfway);
    const keys = problems.map((p) => `${p.collection}|${p.recordId}|${p.field}|${p.message}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("names the record and field of every dirty value and keeps going", async () => {
    const fixture = await createMigrationFixture("dirty");
    const run = await createRun(fixture.organizationId, fixture.migrationId);
    expect(await extractFromSandbox(vp, fixture, run.id, { fileStore: files.store })).toBe("done");
    const problems = await db().extractionProblem.findMany({ where: { runId: run.id } });
    const ds = vp.dataset;

    const hugeNotes = [...ds.indicesWithCase("activities", "huge_note")].map((i) => ds.idOf("activities", i));
    expect(hugeNotes.length).toBeGreaterThan(0);
    for (const id of hugeNotes) {
      expect(problems.find((p) => p.recordId === id && p.field === "body")?.message).toMatch(/characters long/);
    }
    const controlled = [...ds.indicesWithCase("contacts", "control_chars")].map((i) => ds.idOf("contacts", i));
    for (const id of controlled) {
      const mine = problems.filter((p) => p.collection === "contacts" && p.recordId === id);
      expect(mine.length, id).toBeGreaterThan(0);
      expect(mine.every((p) => p.field !== null && p.field !== "")).toBe(true);
    }
    // A 1 MB note is staged in full, NUL bytes stripped so Postgres can hold it.
    const note = await db().stagedRecord.findFirstOrThrow({ where: { migrationId: fixture.migrationId, collection: "activities", sourceId: hugeNotes[0] } });
    expect(String((note.data as { body?: string }).body).length).toBeGreaterThanOrEqual(1024 * 1024);
  });
});
