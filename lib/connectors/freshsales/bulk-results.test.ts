import { afterEach, describe, expect, it } from "vitest";
import { sendJson, startTestServer, type TestServer } from "../http/test-server";
import { bulkUpsert, type BulkUpsertItem } from "./bulk-upsert";
import { testConnection } from "./test-connection";

// A Freshsales written from the same doc may answer a bulk job in any of the shapes §2.10 leaves
// open. Each test's stub answers one of them; the results must say the same thing every time.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Sent = Record<string, unknown> & { data: Record<string, unknown> };

/** A bulk endpoint whose job is in progress at the first poll and answers `finished(items)` after. */
async function bulkServer(finished: (items: Sent[]) => unknown, options: { accepted?: (id: number) => unknown; firstPoll?: unknown } = {}) {
  const jobs = new Map<number, { items: Sent[]; polls: number }>();
  server = await startTestServer((req, res) => {
    const bulk = /\/crm\/sales\/api\/(\w+)\/bulk_upsert$/.exec(req.path);
    if (req.method === "POST" && bulk) {
      const id = jobs.size + 1;
      jobs.set(id, { items: (JSON.parse(req.body.toString()) as Record<string, Sent[]>)[bulk[1]!] ?? [], polls: 0 });
      return sendJson(res, 202, options.accepted ? options.accepted(id) : { job_status_url: `https://acme.myfreshworks.com/crm/sales/api/job_statuses/${id}`, message: "queued" });
    }
    const job = jobs.get(Number(/job_statuses\/(\d+)$/.exec(req.path)?.[1]));
    if (!job) return sendJson(res, 404, { errors: { code: 404, message: ["no such job"] } });
    job.polls++;
    if (job.polls === 1) return sendJson(res, 200, options.firstPoll ?? { job_status: { status: "in_progress", progress: 30 } });
    sendJson(res, 200, finished(job.items));
  });
  return server;
}

const vpItems = (n: number): BulkUpsertItem[] => Array.from({ length: n }, (_, i) => ({ identifier: { cf_vp_id: `v_${i}` }, fields: { name: `R${i}`, cf_vp_id: `v_${i}` } }));
const run = (items: BulkUpsertItem[], entity: "contact" | "sales_account" | "deal" = "sales_account") => bulkUpsert(testConnection(server!.url), entity, items, { pollIntervalMs: 1 });
const polls = () => server!.requests.filter((r) => r.path.includes("job_statuses")).length;
const allCreated = (items: Sent[]) => items.map((item, index) => ({ index, identifier: { cf_vp_id: item.cf_vp_id }, status: "success", id: 100 + index }));

describe("bulk job status", () => {
  it.each([
    ["completed", true],
    ["COMPLETED_WITH_ERRORS", false],
    ["Failed", true],
    ["success", false],
    ["partial", true],
    ["Error", false],
    ["failure", true],
    ["done", false],
  ])("finishes on status %s (wrapped in job_status: %s)", async (status, wrapped) => {
    const job = (items: Sent[]) => ({ status, data: { records: allCreated(items) } });
    // The first poll lists the same items, unfinished, with no verdict: polling must go on.
    await bulkServer((items) => (wrapped ? { job_status: job(items) } : job(items)), { firstPoll: { status: "queued", data: { records: [] } } });
    const results = await run(vpItems(3));
    expect(results.map((r) => [r.status, r.id])).toEqual([["success", 100], ["success", 101], ["success", 102]]);
    expect(polls()).toBe(2);
  });

  it("takes progress 100 as finished whatever the status word, and keeps polling below it", async () => {
    await bulkServer((items) => ({ job_status: { status: "processing_complete", progress: "100", data: { records: allCreated(items) } } }), { firstPoll: { job_status: { status: "processing", progress: 99 } } });
    expect((await run(vpItems(2))).map((r) => r.status)).toEqual(["success", "success"]);
    expect(polls()).toBe(2);
  });

  it("takes a verdict for every item as finished even without any status word", async () => {
    await bulkServer((items) => ({ records: allCreated(items) }), { firstPoll: {} });
    expect((await run(vpItems(2))).map((r) => r.id)).toEqual([100, 101]);
  });
});

describe("bulk per-item results", () => {
  const ok = (items: Sent[]) => items.map((item) => ({ cf_vp_id: item.cf_vp_id, status: "success", id: `9${String(item.cf_vp_id).slice(2)}` }));
  it.each<[string, (items: Sent[]) => unknown]>([
    ["data.records", (items) => ({ job_status: { status: "completed", data: { records: ok(items) } } })],
    ["records", (items) => ({ job_status: { status: "completed", records: ok(items) } })],
    ["results", (items) => ({ status: "completed", results: ok(items) })],
    ["data (an array)", (items) => ({ status: "completed", data: ok(items) })],
    ["data.results", (items) => ({ status: "completed", data: { results: ok(items) } })],
    ["split lists (succeeded / failed)", (items) => ({ status: "partial", data: { succeeded: ok(items).slice(1).map(({ status: _s, ...r }) => r), failed: [{ cf_vp_id: "v_0", message: "Name is blank" }] } })],
  ])("are read under %s, ids given as numeric strings", async (where, answer) => {
    await bulkServer(answer);
    const results = await run(vpItems(3));
    if (where.startsWith("split")) {
      expect(results[0]).toMatchObject({ status: "failed", errors: ["Name is blank"] });
      expect(results.slice(1).map((r) => [r.status, r.id])).toEqual([["success", 91], ["success", 92]]);
    } else {
      expect(results.map((r) => [r.status, r.id])).toEqual([["success", 90], ["success", 91], ["success", 92]]);
    }
  });

  it("matches items by whatever names them, in any order; one not listed is unknown, never failed", async () => {
    await bulkServer(() => ({
      job_status: {
        status: "completed",
        data: {
          records: [
            { custom_field: { cf_vp_id: "v_5" }, status: "updated", id: 15 },
            { record: { id: 14, custom_field: { cf_vp_id: "v_4" } }, status: "ok" },
            { cf_vp_id: "v_3", status: "created", id: "13" },
            { unique_identifier: { cf_vp_id: "v_2" }, status: "success", id: 12 },
            { identifier: { cf_vp_id: "v_1" }, status: "success", action: "created", id: 11 },
            { index: 0, status: "success", id: 10 },
            // An index that disagrees with the identifier: the identifier wins (v_6, not v_7).
            { index: 7, identifier: { cf_vp_id: "v_6" }, status: "success", id: 16 },
          ],
        },
      },
    }));
    const results = await run(vpItems(8));
    expect(results.map((r) => [r.identifier.cf_vp_id, r.status, r.id])).toEqual([
      ["v_0", "success", 10], ["v_1", "success", 11], ["v_2", "success", 12], ["v_3", "success", 13],
      ["v_4", "success", 14], ["v_5", "success", 15], ["v_6", "success", 16], ["v_7", "unknown", undefined],
    ]);
    expect(results.map((r) => r.action)).toEqual([undefined, "created", undefined, "created", undefined, "updated", undefined, undefined]);
    expect(results[7]?.errors).toEqual(["not reported by the bulk job (job status completed)"]);
  });

  it("matches items sent by email (any case), name or id", async () => {
    await bulkServer(() => ({
      status: "completed",
      records: [
        { email: "ann@example.com", status: "success", id: 1 },
        { emails: [{ value: "bo@example.com", is_primary: true }], status: "success", id: 2 },
        { name: "Acme", status: "success", id: 3 },
        { id: 44, status: "success" },
      ],
    }));
    const results = await run([
      { identifier: { emails: "Ann@Example.com" }, fields: {} },
      { identifier: { emails: "bo@example.com" }, fields: {} },
      { identifier: { name: "Acme" }, fields: {} },
      { identifier: { id: 44 }, fields: {} },
    ], "contact");
    expect(results.map((r) => [r.status, r.id])).toEqual([["success", 1], ["success", 2], ["success", 3], ["success", 44]]);
  });

  it("reads 1-based indexes when the indexes say so", async () => {
    await bulkServer((items) => ({ status: "completed", records: items.map((_, i) => ({ index: i + 1, status: "success", id: 50 + i })) }));
    expect((await run(vpItems(3))).map((r) => r.id)).toEqual([50, 51, 52]);
  });

  it("reads item verdicts and their errors in their different words", async () => {
    await bulkServer(() => ({
      status: "completed_with_errors",
      records: [
        { cf_vp_id: "v_0", status: "OK", id: 1 },
        { cf_vp_id: "v_1", status: "failed", errors: "Name can't be blank" },
        { cf_vp_id: "v_2", status: "error", errors: [{ field: "website", message: "is invalid" }, { message: "Phone is too long" }] },
        { cf_vp_id: "v_3", status: "failure", error: { message: "Duplicate record" } },
        { cf_vp_id: "v_4", status: "failed" },
        { cf_vp_id: "v_5", errors: ["Owner does not exist"] },
        { cf_vp_id: "v_6", status: "success" },
        { cf_vp_id: "v_7", status: "mystery", id: 8 },
        { cf_vp_id: "v_8", success: true, id: "9" },
      ],
    }));
    const results = await run(vpItems(9));
    expect(results.map((r) => [r.status, r.errors])).toEqual([
      ["success", []],
      ["failed", ["Name can't be blank"]],
      ["failed", ["website is invalid", "Phone is too long"]],
      ["failed", ["Duplicate record"]],
      ["failed", ["rejected by Freshsales (item status failed)"]],
      ["failed", ["Owner does not exist"]],
      // Success without an id, or a word nobody documented: unknown, to be looked up.
      ["unknown", ["reported success without a record id"]],
      ["unknown", ["reported with an unrecognised status mystery"]],
      ["success", []],
    ]);
    expect(results[8]?.id).toBe(9);
  });
});

describe("bulk jobs that say nothing about their items", () => {
  it("leaves every item unknown, never failed, when the job lists no items", async () => {
    await bulkServer(() => ({ job_status: { status: "completed", progress: 100, job_type_name: "bulk_upsert" } }));
    const results = await run(vpItems(150));
    expect(results).toHaveLength(150);
    expect(new Set(results.map((r) => r.status))).toEqual(new Set(["unknown"]));
    expect(results[120]).toMatchObject({ index: 120, identifier: { cf_vp_id: "v_120" }, errors: ["not reported by the bulk job (job status completed)"] });
  });

  it("says what the job said when it failed as a whole, still without failing the items", async () => {
    await bulkServer(() => ({ status: "FAILED", message: "Internal error while processing" }));
    const results = await run(vpItems(2));
    expect(results.map((r) => r.status)).toEqual(["unknown", "unknown"]);
    expect(results[0]?.errors).toEqual(["not reported by the bulk job (job status failed: Internal error while processing)"]);
  });

  it.each<[string, (id: number) => unknown, RegExp | null]>([
    ["a bare job id", (id) => ({ job_id: id }), null],
    ["a relative job URL", (id) => ({ job_status_url: `/crm/sales/api/job_statuses/${id}` }), null],
    ["no job at all", () => ({ message: "accepted" }), /without a job to poll/],
  ])("follows %s", async (_what, accepted, unknownReason) => {
    await bulkServer((items) => ({ status: "completed", records: allCreated(items) }), { accepted });
    const results = await run(vpItems(2));
    if (unknownReason) {
      expect(results.map((r) => r.status)).toEqual(["unknown", "unknown"]);
      expect(results[0]?.errors[0]).toMatch(unknownReason);
    } else expect(results.map((r) => r.id)).toEqual([100, 101]);
  });

  it("leaves the items unknown, not failed, when the job never finishes in time", async () => {
    await bulkServer(() => ({ job_status: { status: "in_progress", progress: 60 } }));
    const results = await bulkUpsert(testConnection(server!.url), "sales_account", vpItems(2), { pollIntervalMs: 5, jobTimeoutMs: 40 });
    expect(results.map((r) => r.status)).toEqual(["unknown", "unknown"]);
    expect(results[0]?.errors).toEqual(["bulk job job_statuses/1 did not finish in time (last status in_progress)"]);
    expect(polls()).toBeGreaterThan(2);
  });

  it("leaves the items unknown when the job is gone", async () => {
    server = await startTestServer((req, res) =>
      req.method === "POST" ? sendJson(res, 202, { job_status_url: "https://x/crm/sales/api/job_statuses/7" }) : sendJson(res, 404, { errors: { code: 404, message: ["Job not found"] } }),
    );
    const results = await run(vpItems(1));
    expect(results[0]).toMatchObject({ status: "unknown", errors: ["bulk job job_statuses/7 is gone (404)"] });
  });
});
