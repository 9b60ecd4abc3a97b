import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { closeExtractionPool, extractionPool } from "./pg-pool";
import { stagePage } from "./stage-page";
import { createMigrationFixture, createRun } from "../../test/support/extraction";

afterAll(async () => {
  await closeExtractionPool();
});

describe("committing a page", () => {
  it("lets exactly one of two workers commit the same page", async () => {
    const fixture = await createMigrationFixture("race");
    const run = await createRun(fixture.organizationId, fixture.migrationId);
    await db().extractionCheckpoint.create({ data: { runId: run.id, collection: "contacts" } });
    const input = {
      runId: run.id,
      migrationId: fixture.migrationId,
      collection: "contacts",
      page: 1,
      records: [{ id: "c1", updated_at: "2024-01-01T00:00:00Z" }, { id: "c2", updated_at: "2024-01-01T00:00:00Z" }],
      problems: [{ recordId: "c2", field: "email", message: "not an email" }],
    };
    const results = await Promise.all([stagePage(extractionPool(), input), stagePage(extractionPool(), input)]);
    expect(results.filter((r) => r.committed)).toHaveLength(1);
    expect(await db().stagedRecord.count({ where: { migrationId: fixture.migrationId } })).toBe(2);
    expect(await db().extractionProblem.count({ where: { runId: run.id } })).toBe(1);
    const checkpoint = await db().extractionCheckpoint.findUniqueOrThrow({ where: { runId_collection: { runId: run.id, collection: "contacts" } } });
    expect(checkpoint).toMatchObject({ nextPage: 2, records: 2, problems: 1 });
  });
});
