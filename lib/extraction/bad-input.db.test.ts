import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRecords } from "@/lib/connectors/visual-practice/parse-records";
import type { VpCollection } from "@/lib/connectors/visual-practice/records";
import { db } from "@/lib/server/db";
import { closeExtractionPool, extractionPool } from "./pg-pool";
import { processExtractionRun } from "./process-run";
import type { SourcePage, SourceReader } from "./source-reader";
import { createMigrationFixture, createRun, tempFileStore } from "../../test/support/extraction";

// Bad input never stops an extraction: each kind becomes a problem naming collection, record
// and field, and every source record ends staged or explained.
type RawPage = { raw: unknown[] } | { fail: string };

function page(collection: VpCollection, n: number, p: RawPage, totalPages: number): SourcePage {
  if ("fail" in p) return { ok: false, page: n, message: p.fail };
  const { records, problems } = parseRecords(collection, p.raw);
  return { ok: true, page: n, records: records as Record<string, unknown>[], problems, totalPages, totalRecords: undefined };
}

function fakeReader(source: Partial<Record<VpCollection, RawPage[]>>): SourceReader {
  return {
    kind: "api",
    async *pages(collection, { startPage }) {
      const pages = source[collection] ?? [];
      for (let n = startPage; n <= pages.length; n++) yield page(collection, n, pages[n - 1]!, pages.length);
    },
    async retryPage(collection, n) {
      return page(collection, n, source[collection]![n - 1]!, source[collection]!.length);
    },
    async copyAttachment() {
      return null;
    },
    close() {},
  };
}

const ts = "2024-03-05T14:22:09Z";
const later = "2024-03-06T10:00:00Z";
const contacts: RawPage[] = [
  {
    raw: [
      { id: "c1", first_name: "First copy", updated_at: ts },
      { first_name: "Nobody", updated_at: ts },
      { id: "c2", email: 42, updated_at: ts },
      { id: "c3", first_name: "Bell\u0007 and NUL\u0000", updated_at: ts },
      { id: "c1", first_name: "Second copy", updated_at: ts },
      "not even an object",
    ],
  },
  { fail: "page 2 of contacts is malformed: Unexpected token < in JSON" },
  {
    raw: [
      { id: "c4", job_title: "x".repeat(70_000), updated_at: ts },
      { id: "c2", email: 42, updated_at: ts },
      { id: "c5", first_name: "Lone \ud800 surrogate", updated_at: ts },
      { id: "c6", first_name: "Edited during the run", updated_at: later },
    ],
  },
];
const users: RawPage[] = [{ raw: [{ id: "u1", email: "a@example.com", updated_at: ts }] }];

let files: Awaited<ReturnType<typeof tempFileStore>>;
beforeAll(async () => {
  files = await tempFileStore();
});
afterAll(async () => {
  await closeExtractionPool();
  await rm(files.dir, { recursive: true, force: true });
});

describe("bad input during extraction", () => {
  it("records each problem with its record and field, and stages everything else", async () => {
    const fixture = await createMigrationFixture("bad input");
    // Rows left by an earlier run: one user the source no longer lists, one contact.
    const earlier = await createRun(fixture.organizationId, fixture.migrationId);
    await db().stagedRecord.createMany({
      data: [
        { migrationId: fixture.migrationId, collection: "users", sourceId: "u_gone", data: {}, hash: "x", runId: earlier.id },
        { migrationId: fixture.migrationId, collection: "contacts", sourceId: "c_old", data: {}, hash: "x", runId: earlier.id },
      ],
    });
    const run = await createRun(fixture.organizationId, fixture.migrationId);
    const outcome = await processExtractionRun(
      { runId: run.id, organizationId: fixture.organizationId, migrationId: fixture.migrationId, actor: { id: fixture.user.id, email: fixture.user.email } },
      {
        db: db(),
        pool: extractionPool(),
        fileStore: files.store,
        openReader: async () => fakeReader({ contacts, users }),
        collections: ["users", "contacts"],
      },
    );
    expect(outcome).toBe("done");

    const staged = await db().stagedRecord.findMany({ where: { migrationId: fixture.migrationId, collection: "contacts" }, orderBy: { sourceId: "asc" } });
    expect(staged.map((r) => r.sourceId)).toEqual(["c1", "c2", "c3", "c4", "c6", "c_old"]);
    expect((staged[0]?.data as { first_name: string }).first_name).toBe("Second copy");
    expect((staged[2]?.data as { first_name: string }).first_name).toBe("Bell\u0007 and NUL");

    const problems = await db().extractionProblem.findMany({ where: { runId: run.id, collection: "contacts" }, orderBy: { id: "asc" } });
    const find = (recordId: string | null, field: string | null, pattern: RegExp) =>
      problems.find((p) => p.recordId === recordId && p.field === field && pattern.test(p.message));
    expect(find(null, "id", /no id/), "missing id").toBeDefined();
    expect(find(null, null, /not an object/), "not an object").toBeDefined();
    expect(find("c2", "email", /expected string/i), "wrong type").toBeDefined();
    expect(find("c3", "first_name", /control character U\+0007/), "control character").toBeDefined();
    expect(find("c3", "first_name", /NUL/), "NUL byte").toBeDefined();
    expect(find("c1", "id", /more than once on page 1/), "duplicate on one page").toBeDefined();
    expect(find("c2", "id", /duplicate id: listed again on page 3/), "duplicate across pages").toBeDefined();
    expect(find("c4", "job_title", /70000 characters long/), "huge text").toBeDefined();
    expect(find("c5", null, /could not be stored/), "unstorable value").toBeDefined();
    const lost = problems.find((p) => p.page === 2);
    expect(lost?.message).toMatch(/records 201 to 400 of the list are missing.*malformed/);
    // A record edited during the run is not a problem.
    expect(problems.some((p) => p.recordId === "c6")).toBe(false);

    // With a page lost, contacts staged earlier stay (the lost page may hold them); users read
    // completely drop what the source no longer lists.
    const stagedUsers = await db().stagedRecord.findMany({ where: { migrationId: fixture.migrationId, collection: "users" } });
    expect(stagedUsers.map((u) => u.sourceId)).toEqual(["u1"]);

    const checkpoint = await db().extractionCheckpoint.findUniqueOrThrow({ where: { runId_collection: { runId: run.id, collection: "contacts" } } });
    expect(checkpoint).toMatchObject({ done: true, records: 5, problems: problems.length });
  });
});

describe("a lost page across a resume", () => {
  it("still keeps rows of earlier runs that the lost page may hold", async () => {
    const fixture = await createMigrationFixture("lost page resume");
    const earlier = await createRun(fixture.organizationId, fixture.migrationId);
    await db().stagedRecord.create({
      data: { migrationId: fixture.migrationId, collection: "contacts", sourceId: "c_old", data: {}, hash: "x", runId: earlier.id },
    });
    const run = await createRun(fixture.organizationId, fixture.migrationId);
    const ref = { runId: run.id, organizationId: fixture.organizationId, migrationId: fixture.migrationId, actor: { id: fixture.user.id, email: fixture.user.email } };
    const deps = { db: db(), pool: extractionPool(), fileStore: files.store, openReader: async () => fakeReader({ contacts }), collections: ["contacts"] as const };
    await expect(
      processExtractionRun(ref, {
        ...deps,
        afterPage: ({ page: n }) => {
          if (n === 2) throw new Error("killed after the lost page");
        },
      }),
    ).rejects.toThrow("killed");
    expect(await processExtractionRun(ref, deps)).toBe("done");
    const ids = (await db().stagedRecord.findMany({ where: { migrationId: fixture.migrationId }, select: { sourceId: true } })).map((r) => r.sourceId);
    expect(ids).toContain("c_old");
  });
});
