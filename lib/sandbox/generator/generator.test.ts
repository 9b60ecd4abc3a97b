import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CASES_BY_COLLECTION } from "./cases";
import { COLLECTIONS, type Collection, type GeneratorConfig } from "./config";
import { Dataset } from "./dataset";
import { destinationSetup } from "./destination-setup";
import { detectDirty, type DetectContext } from "./detect-dirty";
import { CATALOGUE } from "./custom-properties";
import type { VpRecord } from "./json";
import type { ManifestEntry } from "./manifest";
import { activityTypeOf } from "./records-activities";
import { writeDataset } from "./write-dataset";

const CONFIG: GeneratorConfig = { seed: 7, total: 4000, hugeAttachmentBytes: 1536 * 1024 };
const dirs: string[] = [];
let shared: Promise<string> | undefined;
/** The CONFIG dataset, written once and read by several tests. */
const sharedDir = () => (shared ??= written(CONFIG));

async function written(config: GeneratorConfig): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "vp-gen-"));
  dirs.push(dir);
  await writeDataset(config, dir);
  return dir;
}

/** One hash over every file of a written dataset, in a fixed order. */
async function hashDir(dir: string): Promise<string> {
  const hash = createHash("sha256");
  const top = (await readdir(dir)).sort();
  for (const name of top) {
    if (name === "attachments") {
      for (const file of (await readdir(join(dir, name))).sort()) {
        hash.update(file).update(await readFile(join(dir, name, file)));
      }
    } else hash.update(name).update(await readFile(join(dir, name)));
  }
  return hash.digest("hex");
}

async function lines<T>(dir: string, name: string): Promise<T[]> {
  const text = await readFile(join(dir, name), "utf8");
  return text.split("\n").filter(Boolean).map((line) => JSON.parse(line) as T);
}

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("generator", () => {
  it("writes byte-identical datasets for the same seed and different ones for another seed", async () => {
    const first = await sharedDir();
    const again = await written(CONFIG);
    const other = await written({ ...CONFIG, seed: 8 });
    expect(await hashDir(again)).toBe(await hashDir(first));
    expect(await hashDir(other)).not.toBe(await hashDir(first));
    const a = await readFile(join(first, "contacts.jsonl"), "utf8");
    const b = await readFile(join(other, "contacts.jsonl"), "utf8");
    expect(a.split("\n")[5]).not.toBe(b.split("\n")[5]);
  });

  it("is index-addressable: record i equals line i, in updated_at then id order", async () => {
    const dir = await sharedDir();
    const ds = new Dataset(CONFIG);
    for (const collection of ["contacts", "activities", "deals"] as const) {
      const records = await lines<VpRecord>(dir, `${collection}.jsonl`);
      expect(records).toHaveLength(ds.count(collection));
      for (const i of [0, 1, 17, records.length - 1]) expect(ds.record(collection, i)).toEqual(records[i]);
      for (let i = 1; i < records.length; i++) {
        const [prev, cur] = [records[i - 1], records[i]] as [VpRecord, VpRecord];
        expect(prev.updated_at <= cur.updated_at && prev.id < cur.id).toBe(true);
      }
    }
    const activities = await lines<VpRecord>(dir, "activities.jsonl");
    activities.forEach((a, i) => expect(activityTypeOf(ds, i)).toBe(a.type));
  });

  it("lists in the manifest exactly the records that are dirty by their content", async () => {
    const dir = await sharedDir();
    const ds = new Dataset(CONFIG);
    const setup = destinationSetup(CONFIG);
    const all = async (c: Collection) => new Map((await lines<VpRecord>(dir, `${c}.jsonl`)).map((r) => [r.id, r]));
    const ctx: DetectContext = {
      users: await all("users"),
      companies: await all("companies"),
      pipelines: await all("pipelines"),
      destinationUserEmails: new Set(setup.users.map((u) => u.email)),
      destinationContactEmails: new Set((setup.records?.contacts ?? []).map((c) => c.email)),
      seenEmails: new Set(),
      catalogueKeys: new Set(CATALOGUE.map((p) => p.key)),
    };
    const detected: string[] = [];
    for (const collection of COLLECTIONS) {
      for (const record of await lines<VpRecord>(dir, `${collection}.jsonl`)) {
        const found = detectDirty(collection, record, ctx);
        if (found) detected.push(`${collection} ${record.id} ${found}`);
        if (collection === "contacts") ctx.seenEmails.add(String(record.email));
      }
    }
    const manifest = await lines<ManifestEntry>(dir, "manifest.jsonl");
    expect(manifest.map((m) => `${m.collection} ${m.id} ${m.case}`).sort()).toEqual(detected.sort());
    // Every case a collection can carry shows up in a dataset of this size.
    const seen = new Set(manifest.map((m) => `${m.collection}.${m.case}`));
    for (const c of COLLECTIONS) {
      for (const name of CASES_BY_COLLECTION[c]) {
        if (ds.count(c) * ds.config.dirtyRates[name] >= 8) expect(seen, `${c}.${name}`).toContain(`${c}.${name}`);
      }
    }
    const byCase = (name: string) => manifest.filter((m) => m.case === name);
    expect(byCase("no_company").every((m) => m.expect === "lead")).toBe(true);
    expect(byCase("orphan_activity").every((m) => m.expect === "skipped" && m.reason.includes("linked to no"))).toBe(true);
    for (const dup of byCase("duplicate_email")) {
      const target = /duplicate email of (con_\d+)/.exec(dup.reason)?.[1] ?? "";
      expect(dup.expect).toBe("skipped");
      expect(target < dup.id).toBe(true);
      expect(ds.record("contacts", ds.indexOf("contacts", target) ?? -1).email).toBe(ds.record("contacts", ds.indexOf("contacts", dup.id) ?? -1).email);
    }
    expect(byCase("inactive_owner").every((m) => m.expect === "owner_fallback")).toBe(true);
  });

  it("plants each dirty case at its configured rate", () => {
    const rates = { malformed_email: 0.05, no_company: 0.2, orphan_activity: 0.03, parent_cycle: 0.04, soft_deleted: 0.01 };
    const ds = new Dataset({ seed: 3, total: 200_000, dirtyRates: rates });
    for (const collection of ["users", "companies", "contacts", "deals", "activities", "attachments"] as const) {
      const codes = ds.caseCodes(collection);
      const n = codes.length - 1; // index 0 is always clean
      for (const name of CASES_BY_COLLECTION[collection]) {
        const rate = ds.config.dirtyRates[name];
        const count = ds.indicesWithCase(collection, name).length;
        const sd = Math.sqrt(n * rate * (1 - rate));
        expect(Math.abs(count - n * rate), `${collection}.${name}: ${count} of ${n} at ${rate}`).toBeLessThanOrEqual(5 * sd + 3);
      }
    }
  });

  it("builds the destination load body: matched users, one renamed stage, existing contacts", () => {
    const ds = new Dataset(CONFIG);
    const setup = destinationSetup(ds);
    const active = Array.from({ length: ds.count("users") }, (_, i) => ds.record("users", i)).filter((u) => u.active);
    const emails = new Set(setup.users.map((u) => u.email));
    const matched = active.filter((u) => emails.has(String(u.email)));
    expect(matched.length).toBeGreaterThan(active.length / 2);
    expect(matched.length).toBeLessThan(active.length);
    expect(setup.fields).toEqual([]);
    const source = Array.from({ length: ds.count("pipelines") }, (_, i) => ds.record("pipelines", i));
    const renamed = setup.pipelines.flatMap((p, i) =>
      p.stages.filter((s, k) => s.name !== (source[i]?.stages as { name: string }[])[k]?.name),
    );
    expect(setup.pipelines.map((p) => p.name)).toEqual(source.map((p) => p.name));
    expect(renamed).toHaveLength(1);
    const existing = setup.records?.contacts ?? [];
    expect(existing.length).toBe(ds.indicesWithCase("contacts", "exists_in_destination").length);
  });

  it("rejects configurations it cannot honour", () => {
    expect(() => new Dataset({ seed: 1, counts: { contacts: 2_000_000 } })).toThrow(/contacts/);
    expect(() => new Dataset({ seed: 1, dirtyRates: { no_company: 1.5 } })).toThrow(/no_company/);
    expect(() => new Dataset({ seed: 1, dirtyRates: { no_company: 0.9, soft_deleted: 0.5 } }).caseCodes("contacts")).toThrow(/add up/);
  });
});
