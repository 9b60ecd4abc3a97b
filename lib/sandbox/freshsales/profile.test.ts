import { request } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox } from "@/lib/sandbox/start-sandbox";
import { ManualClock } from "./manual-clock";
import { startFreshsalesEmulator, type FreshsalesEmulator } from "./server";
import { client } from "./test-client";

/**
 * The variant profile answers every open point of the Freshsales doc the other way; each
 * test shows the answer on the wire differs as README.md's table says, and that the default
 * profile still answers as before.
 */
let plain: FreshsalesEmulator;
let variant: FreshsalesEmulator;
let silent: FreshsalesEmulator;
const emus = (): FreshsalesEmulator[] => [plain, variant, silent];

beforeAll(async () => {
  plain = await startFreshsalesEmulator({ rateLimit: false, bulkJobDelayMs: 400 });
  variant = await startFreshsalesEmulator({ profile: "variant", rateLimit: false, bulkJobDelayMs: 400 });
  silent = await startFreshsalesEmulator({ profile: "variant", bulkResults: "none", rateLimit: false, bulkJobDelayMs: 400 });
});
afterAll(async () => {
  await Promise.all(emus().map((e) => e.close()));
});
beforeEach(() => {
  for (const e of emus()) {
    e.admin.reset();
    e.admin.addField({ entity: "contacts", label: "VP id", type: "text", name: "cf_vp_id", unique: true });
    e.admin.addField({ entity: "contacts", label: "Visits", type: "number", name: "cf_visits" });
  }
});

type Json = Record<string, unknown>;
interface Held {
  id: number;
  data: Json;
  custom_field: Json;
}
/** What the emulator holds, for comparing answers with it. */
const held = (emu: FreshsalesEmulator) => emu.admin.dump() as { records: Record<string, Held[]>; documents: Array<{ id: number }> };

/** A POST naming another Host, as a client behind a proxy would. */
function postWithHost(emu: FreshsalesEmulator, path: string, host: string, body: unknown): Promise<Json> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request(`${emu.apiBase}${path}`, {
      method: "POST",
      headers: { host, authorization: `Token token=${emu.apiKey}`, "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
    }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => resolve(JSON.parse(text) as Json));
    });
    req.on("error", reject);
    req.end(payload);
  });
}

const jobPath = (url: string): string => new URL(url).pathname.replace("/crm/sales/api", "");

async function finishedJob(emu: FreshsalesEmulator, url: string): Promise<{ running: Json; done: Json }> {
  const call = client(emu);
  const running = (await call<Json>("GET", jobPath(url))).body;
  for (let i = 0; i < 200; i++) {
    const done = (await call<Json>("GET", jobPath(url))).body;
    const job = (done.job_status ?? done) as Json;
    if (job.status !== "in_progress") return { running, done };
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("job never finished");
}

const BATCH = {
  contacts: [
    { cf_vp_id: "c_1", data: { emails: "one@example.com", custom_field: { cf_vp_id: "c_1" } } },
    { cf_vp_id: "c_2", data: { emails: "two@example.com", custom_field: { cf_vp_id: "c_2" } } },
    { cf_vp_id: "c_3", data: { emails: "three@example.com", custom_field: { cf_visits: "many" } } },
    ...Array.from({ length: 7 }, (_, i) => ({ cf_vp_id: `c_${i + 4}`, data: { emails: `n${i}@example.com` } })),
  ],
};

describe("bulk upsert job status (§2.10)", () => {
  it("default: wrapped job, completed words, items by index in the order sent, url on the asked Host", async () => {
    const queued = await postWithHost(plain, "/contacts/bulk_upsert", "proxy.test:8080", BATCH);
    expect(queued.job_status_url).toMatch(/^http:\/\/proxy\.test:8080\/crm\/sales\/api\/job_statuses\/\d+$/);
    const { running, done } = await finishedJob(plain, String(queued.job_status_url));
    expect((running.job_status as Json).status).toBe("in_progress");
    const job = done.job_status as { status: string; data: { records: Json[] } };
    expect(job.status).toBe("completed_with_errors");
    expect(job.data.records.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(job.data.records[0]).toMatchObject({ identifier: { cf_vp_id: "c_1" }, status: "success", id: expect.any(Number) });
  });

  it("variant: bare job, success/partial words, items only by unique_identifier with string ids, shuffled, url on the emulator", async () => {
    const queued = await postWithHost(variant, "/contacts/bulk_upsert", "proxy.test:8080", BATCH);
    expect(queued.job_status_url).toMatch(new RegExp(`^${variant.url}/crm/sales/api/job_statuses/\\d+$`));
    const { running, done } = await finishedJob(variant, String(queued.job_status_url));
    expect(running.job_status).toBeUndefined();
    expect(running.status).toBe("in_progress");
    expect(done.job_status).toBeUndefined();
    expect(done.status).toBe("partial");
    const items = (done.data as { records: Json[] }).records;
    expect(items).toHaveLength(10);
    for (const item of items) expect(item).not.toHaveProperty("index");
    const sent = BATCH.contacts.map((c) => c.cf_vp_id);
    const listed = items.map((i) => (i.unique_identifier as Json).cf_vp_id);
    expect(listed).not.toEqual(sent);
    expect([...listed].sort()).toEqual([...sent].sort());
    const dump = held(variant);
    const one = items.find((i) => (i.unique_identifier as Json).cf_vp_id === "c_1");
    const stored = dump.records.contacts?.find((c) => JSON.stringify(c).includes("one@example.com"));
    expect(stored).toBeDefined();
    expect(one).toMatchObject({ status: "success", id: String(stored?.id) });
    expect(items.find((i) => (i.unique_identifier as Json).cf_vp_id === "c_3")).toMatchObject({ status: "failed", errors: [expect.stringContaining("cf_visits")] });
  });

  it("variant with bulkResults none: the finished job lists no items at all", async () => {
    const queued = await client(silent)<Json>("POST", "/contacts/bulk_upsert", BATCH);
    const { done } = await finishedJob(silent, String(queued.body.job_status_url));
    expect(done.status).toBe("partial");
    expect(done.data).toEqual({});
    expect(JSON.stringify(done)).not.toContain("c_1");
  });
});

/** Every single create, as sent to both profiles. */
async function createAll(emu: FreshsalesEmulator): Promise<Record<string, { status: number; body: Json; keys: string[] }>> {
  const call = client(emu);
  const out: Record<string, { status: number; body: Json; keys: string[] }> = {};
  const take = async (name: string, path: string, body: unknown) => {
    const res = await call<Json>("POST", path, body);
    out[name] = { status: res.status, body: res.body, keys: Object.keys(res.body) };
  };
  await take("contact", "/contacts", { contact: { emails: "a@example.com", first_name: "Ann" } });
  await take("sales_account", "/sales_accounts", { sales_account: { name: "Acme" } });
  await take("deal", "/deals", { deal: { name: "Big deal", amount: 10 } });
  await take("product", "/cpq/products", { product: { name: "Widget" } });
  const contactId = Number(held(emu).records.contacts?.[0]?.id);
  await take("note", "/notes", { note: { description: "Hi", targetable_type: "Contact", targetable_id: contactId } });
  await take("appointment", "/appointments", { appointment: { title: "A", from_date: "2026-06-20T10:00:00Z", end_date: "2026-06-20T11:00:00Z" } });
  await take("task", "/tasks", { task: { title: "T", due_date: "2026-06-20T10:00:00Z" } });
  return out;
}

const ROOTS = ["contact", "sales_account", "deal", "product", "note", "appointment"];

async function uploadTo(emu: FreshsalesEmulator): Promise<{ status: number; body: Json }> {
  const contactId = held(emu).records.contacts?.[0]?.id;
  const form = new FormData();
  form.set("file_name", "consent.pdf");
  form.set("targetable_type", "Contact");
  form.set("targetable_id", String(contactId));
  form.set("file", new Blob([new Uint8Array(100).fill(1)], { type: "application/pdf" }), "scan.pdf");
  const res = await fetch(`${emu.apiBase}/documents`, { method: "POST", headers: { authorization: `Token token=${emu.apiKey}` }, body: form });
  return { status: res.status, body: (await res.json()) as Json };
}

describe("single creates (§2.2–2.7)", () => {
  it("default: 200 (tasks 201), the record under its singular root with a numeric id, sideloads after it", async () => {
    const made = await createAll(plain);
    for (const root of ROOTS) {
      expect(made[root]?.status, root).toBe(200);
      expect(made[root]?.keys[0], root).toBe(root);
      expect(typeof (made[root]?.body[root] as Json).id, root).toBe("number");
    }
    expect(made.task?.status).toBe(201);
    expect(made.deal?.keys).toEqual(["deal", "users"]);
    const doc = await uploadTo(plain);
    expect(doc.status).toBe(200);
    expect(doc.body).toMatchObject({ id: expect.any(Number), msg: expect.any(String), url: expect.any(String), document: { name: "consent.pdf" } });
  });

  it("variant: 201, the record bare with its id a numeric string equal to the stored id, sideloads first", async () => {
    const made = await createAll(variant);
    const dump = held(variant);
    for (const root of [...ROOTS, "task"]) {
      expect(made[root]?.status, root).toBe(201);
      expect(made[root]?.body, root).not.toHaveProperty(root);
      expect(made[root]?.body.id, root).toMatch(/^\d+$/);
    }
    expect(made.contact?.body.id).toBe(String(dump.records.contacts?.[0]?.id));
    expect(made.deal?.body.id).toBe(String(dump.records.deals?.[0]?.id));
    expect(made.deal?.keys[0]).toBe("users");
    const doc = await uploadTo(variant);
    expect(doc.status).toBe(201);
    expect(doc.body).toEqual({ id: expect.stringMatching(/^\d+$/), msg: expect.any(String), url: expect.any(String) });
  });

  it("variant: reads and updates keep the root but put sideloads before it", async () => {
    const call = client(variant);
    const id = (await call<Json>("POST", "/deals", { deal: { name: "D", amount: 1 } })).body.id as string;
    const read = await call<Json>("GET", `/deals/${id}`);
    expect(Object.keys(read.body)).toEqual(["users", "deal"]);
    expect((read.body.deal as Json).id).toBe(Number(id));
    const plainId = ((await client(plain)<Json>("POST", "/deals", { deal: { name: "D", amount: 1 } })).body.deal as Json).id as number;
    expect(Object.keys((await client(plain)<Json>("GET", `/deals/${plainId}`)).body)).toEqual(["deal", "users"]);
  });
});

describe("lookup and filtered search (§2.12)", () => {
  async function seed(emu: FreshsalesEmulator): Promise<void> {
    const call = client(emu);
    for (let i = 0; i < 3; i++) await call("POST", "/contacts", { emails: `s${i}@example.com`, custom_field: { cf_vp_id: `s_${i}` } });
  }

  it("lookup: doubly nested in default, singly nested in the variant", async () => {
    await seed(plain);
    await seed(variant);
    const path = "/lookup?q=s_1&f=cf_vp_id&entities=contact";
    const d = (await client(plain)<Json>("GET", path)).body;
    expect(d).toEqual({ contacts: { contacts: [expect.objectContaining({ custom_field: expect.objectContaining({ cf_vp_id: "s_1" }) })] } });
    const v = (await client(variant)<Json>("GET", path)).body;
    expect(v).toEqual({ contacts: [expect.objectContaining({ custom_field: expect.objectContaining({ cf_vp_id: "s_1" }) })] });
  });

  it("filtered search: meta in default, none in the variant", async () => {
    await seed(plain);
    await seed(variant);
    const body = { filter_rule: [{ attribute: "cf_vp_id", operator: "is_in", value: ["s_0", "s_2"] }], page: 1, per_page: 100 };
    const d = (await client(plain)<Json>("POST", "/filtered_search/contact", body)).body;
    expect(d.meta).toEqual({ total: 2, total_pages: 1 });
    const v = (await client(variant)<Json>("POST", "/filtered_search/contact", body)).body;
    expect(v).not.toHaveProperty("meta");
    expect(v.contacts).toHaveLength(2);
  });
});

describe("errors (§4)", () => {
  it("validation errors: {errors: {code, message: [...]}} in default, {errors: [{field, message}]} in the variant", async () => {
    const bad = { contact: { first_name: "No email", custom_field: { cf_visits: "many" } } };
    const d = await client(plain)<Json>("POST", "/contacts", bad);
    expect(d.status).toBe(400);
    expect(d.body).toEqual({ errors: { code: 400, message: expect.arrayContaining([expect.stringContaining("emails"), expect.stringContaining("cf_visits")]) } });
    const v = await client(variant)<Json>("POST", "/contacts", bad);
    expect(v.status).toBe(400);
    expect(v.body.errors).toEqual(expect.arrayContaining([{ field: "emails", message: "is required" }, expect.objectContaining({ field: "cf_visits" })]));
    const missing = await client(variant)<Json>("GET", "/contacts/1");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ errors: [{ message: expect.stringContaining("not found") }] });
  });

  it("an injected 502 is the JSON envelope in default and an HTML gateway page in the variant", async () => {
    for (const e of [plain, variant]) e.admin.setFaults({ rules: [{ path: "/crm/sales/api/contacts", errorRates: { 502: 1 } }] });
    const get = (e: FreshsalesEmulator) => fetch(`${e.apiBase}/contacts/1`, { headers: { authorization: `Token token=${e.apiKey}` } });
    const d = await get(plain);
    expect(d.status).toBe(502);
    expect(d.headers.get("content-type")).toContain("application/json");
    expect(await d.json()).toEqual({ errors: { code: 502, message: ["Bad gateway"] } });
    const v = await get(variant);
    expect(v.status).toBe(502);
    expect(v.headers.get("content-type")).toContain("text/html");
    expect(await v.text()).toContain("<title>502 Bad Gateway</title>");
  });
});

describe("rate limits (§3)", () => {
  const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);
  async function overLimit(opts: Parameters<typeof startFreshsalesEmulator>[0]): Promise<{ ok: Headers; limited: Headers; injected: Headers }> {
    const emu = await startFreshsalesEmulator({ plan: "growth", clock: new ManualClock(1, T0), ...opts });
    try {
      const call = client(emu);
      const first = await call("GET", "/selector/owners");
      for (let i = 0; i < 399; i += 50) await Promise.all(Array.from({ length: Math.min(50, 399 - i) }, () => call("GET", "/selector/owners")));
      const limited = await call("GET", "/selector/owners");
      expect(limited.status).toBe(429);
      emu.admin.reset();
      emu.admin.setFaults({ rules: [{ errorRates: { 429: 1 }, retryAfterSeconds: 7 }] });
      const injected = await call("GET", "/selector/owners");
      expect(injected.status).toBe(429);
      return { ok: first.headers, limited: limited.headers, injected: injected.headers };
    } finally {
      await emu.close();
    }
  }

  it("default sends Retry-After and X-RateLimit-*; the variant no Retry-After; rateLimitHeaders false sends neither", async () => {
    const d = await overLimit({});
    expect(d.limited.get("retry-after")).toBe("60");
    expect(d.injected.get("retry-after")).toBe("7");
    expect(d.limited.get("x-ratelimit-remaining")).toBe("0");
    const v = await overLimit({ profile: "variant" });
    expect(v.limited.get("retry-after")).toBeNull();
    expect(v.injected.get("retry-after")).toBeNull();
    expect(v.limited.get("x-ratelimit-remaining")).toBe("0");
    // The variant states the minute's window: its 400, what is left of this minute, its reset.
    expect(d.ok.get("x-ratelimit-limit")).toBe("1000");
    expect(v.ok.get("x-ratelimit-limit")).toBe("400");
    expect(v.ok.get("x-ratelimit-remaining")).toBe("399");
    expect(Number(v.ok.get("x-ratelimit-reset"))).toBeLessThanOrEqual(60);
    const hourly = await overLimit({ profile: "variant", rateLimitWindow: "hour" });
    expect(hourly.ok.get("x-ratelimit-limit")).toBe("1000");
    for (const opts of [{ profile: "variant" as const, rateLimitHeaders: false }, { rateLimitHeaders: false }]) {
      const none = await overLimit(opts);
      for (const h of [none.ok, none.limited]) expect([...h.keys()].filter((k) => k.startsWith("x-ratelimit"))).toEqual([]);
      expect(none.limited.get("retry-after")).toBe(opts.profile ? null : "60");
    }
  });
});

describe("update answers (§2)", () => {
  it("default answers a PUT with the record; the variant (or updateAnswer no_content) with 204 and no body, the update applied", async () => {
    for (const [emu, want] of [[plain, 200], [variant, 204]] as const) {
      const call = client(emu);
      const made = await call<Json>("POST", "/contacts", { contact: { emails: "u@example.com" } });
      const id = Number((made.body.contact as Json | undefined)?.id ?? made.body.id);
      const put = await call<Json | null>("PUT", `/contacts/${id}`, { contact: { first_name: "Changed" } });
      expect(put.status).toBe(want);
      if (want === 204) expect(put.body).toBeNull();
      else expect((put.body?.contact as Json).first_name).toBe("Changed");
      expect(held(emu).records.contacts?.find((c) => c.id === id)?.data.first_name).toBe("Changed");
    }
    const quiet = await startFreshsalesEmulator({ rateLimit: false, updateAnswer: "no_content" });
    try {
      const call = client(quiet);
      const made = await call<{ contact: Json }>("POST", "/contacts", { contact: { emails: "q@example.com" } });
      expect((await call("PUT", `/contacts/${String(made.body.contact.id)}`, { contact: { first_name: "Q" } })).status).toBe(204);
    } finally {
      await quiet.close();
    }
  });
});

describe("field type names (§2.9) and timestamps on write (§5)", () => {
  it("default names textarea / multi_select_dropdown / phone_number; the variant paragraph / multiselect / phone", async () => {
    for (const e of [plain, variant]) {
      e.admin.addField({ entity: "contacts", label: "Notes", type: "textarea", name: "cf_notes" });
      e.admin.addField({ entity: "contacts", label: "Tags", type: "multi_select_dropdown", name: "cf_tags", choices: ["a", "b"] });
    }
    const types = async (e: FreshsalesEmulator) => {
      const { body } = await client(e)<{ fields: { name: string; type: string }[] }>("GET", "/settings/contacts/fields");
      return Object.fromEntries(body.fields.filter((f) => ["cf_notes", "cf_tags", "mobile_number"].includes(f.name)).map((f) => [f.name, f.type]));
    };
    expect(await types(plain)).toEqual({ cf_notes: "textarea", cf_tags: "multi_select_dropdown", mobile_number: "phone_number" });
    expect(await types(variant)).toEqual({ cf_notes: "paragraph", cf_tags: "multiselect", mobile_number: "phone" });
  });

  it("default ignores created_at on a create; the variant refuses it, naming the field", async () => {
    const body = { contact: { emails: "t@example.com", created_at: "2020-01-01T00:00:00Z" } };
    expect((await client(plain)("POST", "/contacts", body)).status).toBe(200);
    const refused = await client(variant)<Json>("POST", "/contacts", body);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/created_at.*is read-only/);
  });
});

describe("destination rules", () => {
  async function withRules(opts: Parameters<typeof startFreshsalesEmulator>[0], fn: (emu: FreshsalesEmulator) => Promise<void>): Promise<void> {
    const emu = await startFreshsalesEmulator({ rateLimit: false, bulkJobDelayMs: 5, ...opts });
    try {
      emu.admin.addField({ entity: "sales_accounts", label: "VP id", type: "text", name: "cf_vp_id", unique: true });
      await fn(emu);
    } finally {
      await emu.close();
    }
  }
  const messages = (body: Json): string => JSON.stringify(body.errors);

  async function nameClashes(emu: FreshsalesEmulator): Promise<{ create: number; update: number; upsert: number; bulk: Json | undefined; body: Json }> {
    const call = client(emu);
    await call("POST", "/sales_accounts", { sales_account: { name: "Acme Ltd" } });
    const other = await call<Json>("POST", "/sales_accounts", { sales_account: { name: "Other" } });
    const otherId = String(other.body.id ?? (other.body.sales_account as Json).id);
    const create = await call<Json>("POST", "/sales_accounts", { sales_account: { name: "ACME ltd" } });
    const update = await call<Json>("PUT", `/sales_accounts/${otherId}`, { sales_account: { name: "acme LTD" } });
    const upsert = await call<Json>("POST", "/sales_accounts/upsert", { unique_identifier: { cf_vp_id: "a_9" }, sales_account: { name: "Acme ltd" } });
    const queued = await call<Json>("POST", "/sales_accounts/bulk_upsert", { sales_accounts: [{ cf_vp_id: "a_1", data: { name: "acme ltd" } }, { cf_vp_id: "a_2", data: { name: "Fresh" } }] });
    const { done } = await finishedJob(emu, String(queued.body.job_status_url));
    const job = (done.job_status ?? done) as { data: { records: Json[] } };
    const bulk = job.data.records.find((r) => JSON.stringify(r).includes("a_1"));
    return { create: create.status, update: update.status, upsert: upsert.status, bulk, body: create.body };
  }

  it("uniqueAccountNames: off in default, on in the variant and by option; a taken name is a 400 naming name, and a failed bulk item", async () => {
    await withRules({}, async (emu) => {
      const r = await nameClashes(emu);
      expect([r.create, r.update, r.upsert]).toEqual([200, 200, 201]);
      expect(r.bulk).toMatchObject({ status: "success" });
      expect(held(emu).records.sales_accounts?.length).toBe(6);
    });
    for (const opts of [{ profile: "variant" as const }, { rules: { uniqueAccountNames: true } }]) {
      await withRules(opts, async (emu) => {
        const r = await nameClashes(emu);
        expect([r.create, r.update, r.upsert]).toEqual([400, 400, 400]);
        expect(messages(r.body)).toContain("name");
        expect(messages(r.body)).toContain("already exists");
        expect(r.bulk).toMatchObject({ status: "failed", errors: [expect.stringContaining("already exists")] });
        expect(held(emu).records.sales_accounts?.map((a) => a.data.name)).toEqual(["Acme Ltd", "Other", "Fresh"]);
      });
    }
    await withRules({ profile: "variant", rules: { uniqueAccountNames: false } }, async (emu) => {
      expect((await nameClashes(emu)).create).toBe(201);
    });
  });

  it("stageInPipeline: a stage of another pipeline without its pipeline moves the deal in default, is a 400 naming deal_stage_id in the variant", async () => {
    for (const opts of [{}, { profile: "variant" as const }, { rules: { stageInPipeline: true } }]) {
      await withRules(opts, async (emu) => {
        const second = emu.admin.addPipeline({ name: "Renewals", stages: [{ name: "Due" }, { name: "Renewed", forecast_type: "Won" }] });
        const stageId = second.stages[0]?.id;
        const defaultStage = (held(emu) as unknown as { pipelines: Array<{ is_default: boolean; stages: Array<{ id: number }> }> }).pipelines.find((p) => p.is_default)?.stages[1]?.id;
        const call = client(emu);
        const res = await call<Json>("POST", "/deals", { deal: { name: "D", amount: 5, deal_stage_id: stageId } });
        const withPipe = await call<Json>("POST", "/deals", { deal: { name: "E", amount: 5, deal_pipeline_id: second.id, deal_stage_id: stageId } });
        expect(withPipe.status).toBeLessThan(300);
        const inDefault = await call<Json>("POST", "/deals", { deal: { name: "F", amount: 5, deal_stage_id: defaultStage } });
        expect(inDefault.status).toBeLessThan(300);
        const ruled = opts !== undefined && Object.keys(opts).length > 0;
        if (!ruled) {
          expect(res.status).toBe(200);
          expect((res.body.deal as Json).deal_pipeline_id).toBe(second.id);
          return;
        }
        expect(res.status).toBe(400);
        expect(messages(res.body)).toContain("deal_stage_id");
        const existingId = String(withPipe.body.id ?? (withPipe.body.deal as Json).id);
        // An update keeps the deal's own pipeline: a stage of the default pipeline alone is refused.
        const moved = await call<Json>("PUT", `/deals/${existingId}`, { deal: { deal_stage_id: defaultStage } });
        expect(moved.status).toBe(400);
        expect(messages(moved.body)).toContain("deal_stage_id");
        expect(held(emu).records.deals?.map((d) => d.data.name)).toEqual(["E", "F"]);
      });
    }
  });
});

describe("choosing the profile", () => {
  it("startSandbox takes freshsalesProfile, else FRESHSALES_EMULATOR_PROFILE; an unknown name is refused", async () => {
    const before = process.env.FRESHSALES_EMULATOR_PROFILE;
    try {
      process.env.FRESHSALES_EMULATOR_PROFILE = "variant";
      const fromEnv = await startSandbox({ total: 20 });
      const told = await startSandbox({ total: 20, freshsalesProfile: "default" });
      expect([fromEnv.freshsales.profile, told.freshsales.profile]).toEqual(["variant", "default"]);
      const created = await client(fromEnv.freshsales)<Json>("POST", "/sales_accounts", { sales_account: { name: "Env Co" } });
      expect(created.status).toBe(201);
      await Promise.all([fromEnv.close(), told.close()]);
      process.env.FRESHSALES_EMULATOR_PROFILE = "Variant2";
      await expect(startSandbox({ total: 20 })).rejects.toThrow(/FRESHSALES_EMULATOR_PROFILE must be one of default, variant/);
    } finally {
      if (before === undefined) delete process.env.FRESHSALES_EMULATOR_PROFILE;
      else process.env.FRESHSALES_EMULATOR_PROFILE = before;
    }
  });
});
