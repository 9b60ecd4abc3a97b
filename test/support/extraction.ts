import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { VisualPracticeClient } from "@/lib/connectors/visual-practice/client";
import { LocalFolderFileStore } from "@/lib/connectors/visual-practice/file-store";
import type { VpCollection } from "@/lib/connectors/visual-practice/records";
import { db } from "@/lib/server/db";
import type { Dataset } from "@/lib/sandbox/generator/dataset";
import type { VisualPracticeServer } from "@/lib/sandbox/visual-practice/server";
import { apiSourceReader } from "../../lib/extraction/api-source-reader";
import { recordHash } from "../../lib/extraction/canonical-hash";
import { extractionPool } from "../../lib/extraction/pg-pool";
import { processExtractionRun, type ProcessRunDeps } from "../../lib/extraction/process-run";
import { EXTRACTION_ORDER } from "../../lib/extraction/collections";

/** Test support for database tests: an organisation with an admin and a migration past "connect". */
export async function createMigrationFixture(name: string) {
  const org = await db().organization.create({ data: { name } });
  const user = await db().user.create({
    data: { email: `admin-${org.id}@example.com`, passwordHash: "x", role: "ADMIN", organizationId: org.id },
  });
  const migration = await db().migration.create({
    data: {
      name,
      organizationId: org.id,
      createdById: user.id,
      gates: { connect: { at: new Date().toISOString(), by: user.email } },
    },
  });
  return { organizationId: org.id, user, migrationId: migration.id };
}

export async function createRun(organizationId: string, migrationId: string) {
  return db().extractionRun.create({ data: { organizationId, migrationId } });
}

export async function tempFileStore() {
  const dir = await mkdtemp(path.join(tmpdir(), "extraction-store-"));
  return { dir, store: new LocalFolderFileStore(dir) };
}

/** Runs the extraction job's body against a sandbox server, with a fresh client each time. */
export async function extractFromSandbox(
  vp: VisualPracticeServer,
  fixture: { organizationId: string; migrationId: string; user: { id: string; email: string } },
  runId: string,
  extra: Partial<ProcessRunDeps> & { fileStore: ProcessRunDeps["fileStore"] },
) {
  const client = new VisualPracticeClient({
    baseUrl: vp.baseUrl,
    token: vp.token,
    maxConcurrency: 6,
    timeoutMs: 1_500,
    retry: { minBackoffMs: 20, maxBackoffMs: 400, retries: 8 },
  });
  return processExtractionRun(
    { runId, organizationId: fixture.organizationId, migrationId: fixture.migrationId, actor: { id: fixture.user.id, email: fixture.user.email } },
    { db: db(), pool: extractionPool(), openReader: async () => apiSourceReader(client), ...extra },
  );
}

export interface StagedComparison {
  collection: VpCollection;
  generated: number;
  staged: number;
  duplicates: number;
  missing: string[];
  unexpected: string[];
  /** Staged records with no problem whose hash differs from the generator's record. */
  changedWithoutProblem: string[];
}

/** Staging against the generator, per collection: ids and (for records without problems) hashes. */
export async function compareWithDataset(dataset: Dataset, migrationId: string, runId: string): Promise<StagedComparison[]> {
  const out: StagedComparison[] = [];
  for (const collection of EXTRACTION_ORDER) {
    const rows = await db().stagedRecord.findMany({ where: { migrationId, collection }, select: { sourceId: true, hash: true } });
    const problems = await db().extractionProblem.findMany({ where: { migrationId, runId, collection }, select: { recordId: true } });
    const withProblem = new Set(problems.map((p) => p.recordId));
    const staged = new Map(rows.map((r) => [r.sourceId, r.hash]));
    const expected = new Set<string>();
    const missing: string[] = [];
    const changedWithoutProblem: string[] = [];
    for (let i = 0; i < dataset.count(collection); i++) {
      const id = dataset.idOf(collection, i);
      expected.add(id);
      const hash = staged.get(id);
      if (hash === undefined) missing.push(id);
      else if (!withProblem.has(id) && hash !== recordHash(dataset.record(collection, i))) changedWithoutProblem.push(id);
    }
    out.push({
      collection,
      generated: dataset.count(collection),
      staged: rows.length,
      duplicates: rows.length - staged.size,
      missing,
      unexpected: [...staged.keys()].filter((id) => !expected.has(id)),
      changedWithoutProblem,
    });
  }
  return out;
}
