import { afterAll, describe, expect, it } from "vitest";
import { GateLockedError } from "@/lib/gates/gate-service";
import { db } from "@/lib/server/db";
import { ConflictError } from "@/lib/server/errors";
import { closeExtractionPool } from "./pg-pool";
import { getExtractionProgress, listExtractionProblems } from "./progress";
import { startExtraction } from "./start-extraction";
import { createMigrationFixture } from "../../test/support/extraction";

afterAll(async () => {
  await closeExtractionPool();
});

function starter(fixture: Awaited<ReturnType<typeof createMigrationFixture>>) {
  return { id: fixture.user.id, email: fixture.user.email, organizationId: fixture.organizationId };
}

describe("starting an extraction", () => {
  it("is refused until the connect gate is done", async () => {
    const fixture = await createMigrationFixture("locked");
    await db().migration.update({ where: { id: fixture.migrationId }, data: { gates: {} } });
    await expect(startExtraction(db(), starter(fixture), fixture.migrationId, "new")).rejects.toBeInstanceOf(GateLockedError);
    expect(await db().extractionRun.count({ where: { migrationId: fixture.migrationId } })).toBe(0);
  });

  it("answers another organisation's migration as missing", async () => {
    const mine = await createMigrationFixture("mine");
    const theirs = await createMigrationFixture("theirs");
    await expect(startExtraction(db(), starter(theirs), mine.migrationId, "new")).rejects.toMatchObject({ status: 404 });
    await expect(getExtractionProgress(db(), theirs.organizationId, mine.migrationId)).rejects.toMatchObject({ status: 404 });
  });

  it("queues one run at a time, audits it, and resumes a stopped run instead of starting over", async () => {
    const fixture = await createMigrationFixture("start");
    const { runId } = await startExtraction(db(), starter(fixture), fixture.migrationId, "new");
    const run = await db().extractionRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "queued", organizationId: fixture.organizationId });
    const audit = await db().auditEvent.findMany({ where: { migrationId: fixture.migrationId } });
    expect(audit.map((a) => a.action)).toContain("extraction.started");
    await expect(startExtraction(db(), starter(fixture), fixture.migrationId, "new")).rejects.toBeInstanceOf(ConflictError);

    await db().extractionRun.update({ where: { id: runId }, data: { status: "failed", error: "Interrupted" } });
    const resumed = await startExtraction(db(), starter(fixture), fixture.migrationId, "resume");
    expect(resumed.runId).toBe(runId);
    expect(await db().extractionRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "queued", error: null });
  });

  it("re-extracting withdraws the inventory gate and the gates after it", async () => {
    const fixture = await createMigrationFixture("again");
    const at = new Date().toISOString();
    await db().migration.update({
      where: { id: fixture.migrationId },
      data: { gates: { connect: { at, by: "a" }, inventory: { at, by: "a" }, map: { at, by: "a" } } },
    });
    await db().extractionRun.create({ data: { organizationId: fixture.organizationId, migrationId: fixture.migrationId, status: "done" } });
    await startExtraction(db(), starter(fixture), fixture.migrationId, "new");
    const migration = await db().migration.findUniqueOrThrow({ where: { id: fixture.migrationId } });
    expect(Object.keys(migration.gates as object)).toEqual(["connect"]);
  });
});

describe("extraction progress", () => {
  it("adds up records per collection and estimates time left from the pace so far", async () => {
    const fixture = await createMigrationFixture("progress");
    const startedAt = new Date(Date.now() - 10_000);
    const run = await db().extractionRun.create({
      data: { organizationId: fixture.organizationId, migrationId: fixture.migrationId, status: "running", startedAt, watermark: startedAt },
    });
    await db().extractionCheckpoint.createMany({
      data: [
        { runId: run.id, collection: "users", records: 100, totalRecords: 100, done: true, nextPage: 2 },
        { runId: run.id, collection: "contacts", records: 400, totalRecords: 1000, problems: 3, nextPage: 3, totalPages: 5 },
      ],
    });
    await db().extractionProblem.create({ data: { migrationId: fixture.migrationId, runId: run.id, collection: "contacts", recordId: "c1", field: "email", message: "bad" } });
    const progress = await getExtractionProgress(db(), fixture.organizationId, fixture.migrationId, new Date(startedAt.getTime() + 10_000));
    expect(progress.totals).toMatchObject({ records: 500, problems: 3, expected: null });
    expect(progress.totals?.recordsPerSecond).toBeCloseTo(50, 5);
    expect(progress.collections.find((c) => c.collection === "contacts")).toMatchObject({ records: 400, totalRecords: 1000, pagesDone: 2 });

    // Once every collection has told its total, time left follows: 600 more at 50/s.
    await db().extractionCheckpoint.createMany({
      data: ["custom-properties", "pipelines", "products", "companies", "deals", "activities", "attachments", "workflows"].map((collection) => ({
        runId: run.id, collection, totalRecords: 0, nextPage: 1,
      })),
    });
    const later = await getExtractionProgress(db(), fixture.organizationId, fixture.migrationId, new Date(startedAt.getTime() + 10_000));
    expect(later.totals?.expected).toBe(1100);
    expect(later.totals?.secondsLeft).toBeCloseTo(12, 5);

    const problems = await listExtractionProblems(db(), fixture.organizationId, fixture.migrationId, { limit: 10 });
    expect(problems.problems).toEqual([expect.objectContaining({ collection: "contacts", recordId: "c1", field: "email" })]);
  });
});
