import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRecords } from "@/lib/connectors/visual-practice/parse-records";
import { openBundleAttachments, readBundleCollection, validateBundle } from "./bundle";
import { emptyCollections, smallBundle, writeZip } from "../../test/support/bundle";

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "bundle-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const zip = (entries: Record<string, string | Buffer>) => writeZip(path.join(dir, `b${++n}.zip`), entries);

async function collect(file: string, collection: Parameters<typeof readBundleCollection>[1]) {
  const out: Record<string, unknown>[] = [];
  for await (const r of readBundleCollection(file, collection)) out.push(r);
  return out;
}

describe("validateBundle", () => {
  it("accepts a valid bundle and counts the records of every collection", async () => {
    const summary = await validateBundle(await zip(smallBundle()));
    expect(summary.totals).toMatchObject({ users: 2, companies: 1, contacts: 2, attachments: 1, deals: 0, workflows: 0 });
    expect(summary.files).toHaveLength(10);
    expect(summary.attachmentFiles).toBe(1);
    expect(summary.attachmentsWithoutFile).toBe(0);
  });

  it("names the missing collection file", async () => {
    const entries = smallBundle();
    delete entries["deals.csv"];
    await expect(validateBundle(await zip(entries))).rejects.toThrow(/missing the file deals\.csv/);
  });

  it("names an unknown file", async () => {
    await expect(validateBundle(await zip({ ...smallBundle(), "notes.txt": "hello" }))).rejects.toThrow(/^notes\.txt: unknown file/);
    await expect(validateBundle(await zip({ ...smallBundle(), "leads.csv": "id\n" }))).rejects.toThrow(/^leads\.csv: unknown file/);
  });

  it("names the file and line of a row with the wrong number of cells", async () => {
    const file = await zip({ ...smallBundle(), "products.csv": "id,name,sku\np_1,Gloves,G1\np_2,Masks\np_3,Caps,C3\n" });
    await expect(validateBundle(file)).rejects.toThrow(/^products\.csv line 3: broken CSV/);
  });

  it("names the line of an unclosed quote and of a JSON cell that is not JSON", async () => {
    await expect(validateBundle(await zip({ ...smallBundle(), "users.csv": 'id,email\nu_1,a@example.com\nu_2,"b@example.com\n' }))).rejects.toThrow(
      /^users\.csv line \d+: broken CSV: .*quote/i,
    );
    await expect(validateBundle(await zip({ ...smallBundle(), "users.csv": 'id,email\nu_1,a"b\n' }))).rejects.toThrow(/^users\.csv line 2: broken CSV: Invalid Opening Quote/);
    await expect(validateBundle(await zip({ ...smallBundle(), "companies.csv": "id,name,address\nc_1,Acme,\nc_2,Beta,{street: 1}\n" }))).rejects.toThrow(
      'companies.csv line 3: column "address" is not valid JSON text',
    );
  });

  it("refuses a CSV without an id column", async () => {
    await expect(validateBundle(await zip({ ...smallBundle(), "deals.csv": "name,amount\nBig,10\n" }))).rejects.toThrow('deals.csv line 1: the header row has no "id" column');
  });

  it("accepts JSON-lines files and names the line of a broken one", async () => {
    const entries: Record<string, string | Buffer> = { ...smallBundle(), "users.jsonl": '{"id":"u_1","active":true}\n\n{"id":"u_2","email":"x@example.com"}\n' };
    delete entries["users.csv"];
    const summary = await validateBundle(await zip(entries));
    expect(summary.totals.users).toBe(2);
    expect(summary.files.find((f) => f.collection === "users")).toMatchObject({ name: "users.jsonl", format: "jsonl" });

    const broken = { ...entries, "users.jsonl": '{"id":"u_1"}\n{"id":"u_2",\n' };
    await expect(validateBundle(await zip(broken))).rejects.toThrow("users.jsonl line 2: not valid JSON");
    await expect(validateBundle(await zip({ ...entries, "users.jsonl": '["u_1"]\n' }))).rejects.toThrow("users.jsonl line 1: each line must be one JSON object");
  });

  it("refuses two files for one collection, attachment files nobody references, and non-zips", async () => {
    await expect(validateBundle(await zip({ ...smallBundle(), "users.jsonl": '{"id":"u_1"}\n' }))).rejects.toThrow(/both users\.csv and users\.jsonl/);
    await expect(validateBundle(await zip({ ...smallBundle(), "attachments/a_9": "x" }))).rejects.toThrow(/^attachments\/a_9: no record in attachments\.csv/);
    const notZip = path.join(dir, "plain.zip");
    await writeFile(notZip, "id,name\n");
    await expect(validateBundle(notZip)).rejects.toThrow("not a readable zip archive");
  });

  it("accepts a bundle zipped from its folder and ignores operating-system litter", async () => {
    const entries = Object.fromEntries(Object.entries(smallBundle()).map(([k, v]) => [`export/${k}`, v]));
    const summary = await validateBundle(await zip({ ...entries, "export/.DS_Store": "x", "__MACOSX/export/._users.csv": "x" }));
    expect(summary.totals.users).toBe(2);
  });
});

describe("readBundleCollection", () => {
  it("streams records with JSON cells parsed, empty cells as null, flags and counts typed", async () => {
    const file = await zip(smallBundle());
    const users = await collect(file, "users");
    expect(users.map((u) => [u.id, u.active, u.role])).toEqual([
      ["u_1", true, "admin"],
      ["u_2", false, null],
    ]);
    const [company] = await collect(file, "companies");
    expect(company).toMatchObject({ name: "Acme, Inc.", employee_count: 12, address: { street: "1 Main St", city: "Leeds" }, custom_properties: { tier: "gold", visits: 3 } });
    const contacts = await collect(file, "contacts");
    expect(contacts[1]).toMatchObject({ id: "k_2", first_name: "Multi\nLine", email: null, company_id: null });
    // The records are what the API would have sent: the connector's parser takes them without complaint.
    const parsed = parseRecords("contacts", contacts);
    expect(parsed.records.map((r) => r.id)).toEqual(["k_1", "k_2"]);
    expect(parsed.problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("reads JSON-lines records as written", async () => {
    const entries: Record<string, string> = { ...emptyCollections(), "deals.jsonl": '{"id":"d_1","contact_ids":["k_1"],"amount":"10.50"}\n' };
    delete entries["deals.csv"];
    expect(await collect(await zip(entries), "deals")).toEqual([{ id: "d_1", contact_ids: ["k_1"], amount: "10.50" }]);
  });

  it("opens attachment bytes by id, with or without an extension on the file", async () => {
    const attachments = await openBundleAttachments(await zip(smallBundle()));
    try {
      const found = await attachments.open("a_1");
      expect(found?.size).toBe(5);
      expect(await text(found!.stream)).toBe("%PDF-");
      expect(await attachments.open("a_2")).toBeNull();
    } finally {
      attachments.close();
    }
  });
});
