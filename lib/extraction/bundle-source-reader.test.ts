import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeZip, smallBundle } from "@/test/support/bundle";
import { LocalFolderFileStore } from "@/lib/connectors/visual-practice/file-store";
import type { VpCollection } from "@/lib/connectors/visual-practice/records";
import { bundleSourceReader } from "./bundle-source-reader";
import { bundleReaderAt } from "./open-source";
import type { SourcePage, SourceReader } from "./source-reader";

async function allPages(reader: SourceReader, collection: VpCollection, startPage: number, perPage: number) {
  const pages: SourcePage[] = [];
  for await (const page of reader.pages(collection, { startPage, perPage })) pages.push(page);
  return pages;
}

function fromRecords(records: Record<string, unknown>[]) {
  return bundleSourceReader({
    async *readCollection() {
      yield* records;
    },
  });
}

describe("bundle source reader", () => {
  const records = Array.from({ length: 7 }, (_, i) => ({ id: `k_${i + 1}`, first_name: `P${i}` }));

  it("cuts a collection into numbered pages and resumes after the committed ones", async () => {
    const pages = await allPages(fromRecords(records), "contacts", 1, 3);
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(pages.flatMap((p) => (p.ok ? p.records.map((r) => r.id) : []))).toEqual(records.map((r) => r.id));
    const resumed = await allPages(fromRecords(records), "contacts", 3, 3);
    expect(resumed.map((p) => p.page)).toEqual([3]);
    expect(resumed[0]?.ok && resumed[0].records.map((r) => r.id)).toEqual(["k_7"]);
  });

  it("reports bad records exactly like the API path, naming record and field", async () => {
    const [page] = await allPages(fromRecords([{ first_name: "No id" }, { id: "k_9", employee_count: "many", email: 42 }]), "contacts", 1, 10);
    expect(page?.ok).toBe(true);
    if (!page?.ok) return;
    expect(page.records.map((r) => r.id)).toEqual(["k_9"]);
    expect(page.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ recordId: null, field: "id" }),
      expect.objectContaining({ recordId: "k_9", field: "email" }),
    ]));
  });

  it("ends a collection with a failed page when its file breaks midway, keeping what was read", async () => {
    const reader = bundleSourceReader({
      async *readCollection() {
        yield { id: "k_1" };
        throw new Error("line 3: unterminated quote");
      },
    });
    const pages = await allPages(reader, "contacts", 1, 10);
    expect(pages[0]?.ok && pages[0].records.length).toBe(1);
    expect(pages[1]).toMatchObject({ ok: false, page: 2 });
    expect(!pages[1]?.ok && pages[1]?.message).toMatch(/unterminated quote/);
  });
});

describe("bundle on disk", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "bundle-reader-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads records from the zip and streams attachment bytes into the file store", async () => {
    const zip = await writeZip(path.join(dir, "export.zip"), smallBundle());
    const reader = bundleReaderAt(zip);
    const pages = await allPages(reader, "contacts", 1, 200);
    expect(pages.flatMap((p) => (p.ok ? p.records.map((r) => r.id) : []))).toEqual(["k_1", "k_2"]);
    const store = new LocalFolderFileStore(path.join(dir, "store"));
    expect(await reader.copyAttachment("a_1", store, "m/a_1")).toEqual({ bytes: 5 });
    expect(await store.size("m/a_1")).toBe(5);
    expect(await reader.copyAttachment("a_missing", store, "m/a_missing")).toBeNull();
    await reader.close();
  });
});
