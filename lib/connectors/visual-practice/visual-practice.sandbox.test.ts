import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startVisualPracticeServer, type VisualPracticeServer } from "@/lib/sandbox/visual-practice/server";
import { VisualPracticeClient } from "./client";
import { copyAttachmentToStore } from "./copy-attachment";
import { LocalFolderFileStore } from "./file-store";
import type { VpRecordProblem } from "./records";

// Integration against the project's Visual Practice sandbox (written independently from the
// same contract), with its dirty data and its 20 requests/second limit.
let vp: VisualPracticeServer;
let client: VisualPracticeClient;

beforeAll(async () => {
  vp = await startVisualPracticeServer({ seed: 7, total: 1500, ratePerSecond: 20, hugeAttachmentBytes: 256 * 1024 });
  client = new VisualPracticeClient({ baseUrl: vp.baseUrl, token: vp.token, maxConcurrency: 6, timeoutMs: 5_000, retry: { minBackoffMs: 50 } });
});

afterAll(async () => {
  client.close();
  await vp.close();
});

describe("Visual Practice connector against the sandbox", () => {
  it("tests the connection", async () => {
    const result = await client.testConnection();
    expect(result.userCount).toBeGreaterThan(0);
    expect(result.rateLimitPerWindow).toBe(20);
  });

  it("extracts every contact exactly once, surviving the dirty data and the rate limit", async () => {
    const { total } = await client.listPage("contacts", { page: 1, perPage: 1 });
    const ids = new Set<string>();
    const problems: VpRecordProblem[] = [];
    let yielded = 0;
    for await (const outcome of client.iteratePages("contacts", { perPage: 20 })) {
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) continue;
      for (const record of outcome.records) ids.add(record.id);
      yielded += outcome.records.length;
      problems.push(...outcome.problems);
    }
    expect(yielded).toBe(total);
    expect(ids.size).toBe(total);
    // The sandbox seeds control characters and huge notes; they come back as problems, not crashes.
    expect(problems.every((p) => p.collection === "contacts" && (p.recordId === null || ids.has(p.recordId)))).toBe(true);
  });

  it("reports problems for dirty activities with record id and field", async () => {
    const problems: VpRecordProblem[] = [];
    const ids = new Set<string>();
    for await (const outcome of client.iteratePages("activities", { perPage: 100 })) {
      if (!outcome.ok) continue;
      problems.push(...outcome.problems);
      for (const record of outcome.records) ids.add(record.id);
    }
    expect(problems.length).toBeGreaterThan(0);
    // A problem names a record that was kept, or (no usable id) the record was dropped.
    expect(problems.every((p) => (p.recordId !== null && ids.has(p.recordId)) || (p.recordId === null && p.severity === "error"))).toBe(true);
  });

  it("streams attachments into the file store with the announced size", async () => {
    const page = await client.listPage("attachments", { page: 1, perPage: 5 });
    const dir = await mkdtemp(path.join(tmpdir(), "vp-sandbox-store-"));
    try {
      const store = new LocalFolderFileStore(dir);
      for (const attachment of page.records) {
        const stored = await copyAttachmentToStore(client, attachment.id, store, `att/${attachment.id}`);
        if (typeof attachment.size_bytes === "number") expect(stored.bytes).toBe(attachment.size_bytes);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("reads the catalogue and workflows", async () => {
    const catalogue = await client.customProperties();
    expect(catalogue.records.length).toBeGreaterThan(0);
    expect(catalogue.records[0]?.key).toBeTruthy();
    const workflows = await client.workflows();
    expect(workflows.records.length).toBeGreaterThan(0);
  });
});
