import { afterEach, describe, expect, it } from "vitest";
import { sendJson, startTestServer, type RecordedRequest, type TestServer } from "../http/test-server";
import { findBySourceIds } from "./find-by-source-id";
import { testConnection } from "./test-connection";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Held {
  id: number;
  vpId: string;
  /** Where the record shows its source id: inside custom_field (the documented place) or at top level. */
  topLevel?: boolean;
}

const view = (r: Held) => (r.topLevel ? { id: r.id, name: `R${r.id}`, cf_vp_id: r.vpId } : { id: r.id, name: `R${r.id}`, custom_field: { cf_vp_id: r.vpId } });

/** Filtered search that, like a loose search engine, also returns near matches (case, prefix). */
function searchAnswer(req: RecordedRequest, held: Held[]) {
  const body = JSON.parse(req.body.toString()) as { filter_rule: { attribute: string; value: string[] }[]; page?: number; per_page?: number };
  const wanted = body.filter_rule[0]!.value.map((v) => v.toLowerCase());
  const hits = held.filter((r) => wanted.some((w) => r.vpId.toLowerCase().startsWith(w)));
  const perPage = Number(req.query.get("per_page") ?? body.per_page ?? 25);
  const page = Number(req.query.get("page") ?? body.page ?? 1);
  return { sales_accounts: hits.slice((page - 1) * perPage, page * perPage).map(view), meta: { total: hits.length, total_pages: Math.max(1, Math.ceil(hits.length / perPage)) } };
}

const searches = () => server!.requests.filter((r) => r.path.endsWith("/filtered_search/sales_account"));
const lookups = () => server!.requests.filter((r) => r.path.endsWith("/lookup"));

describe("findBySourceIds", () => {
  it("searches 100 ids a call, pages through the answer and keeps exact matches only", async () => {
    const held: Held[] = [];
    for (let i = 0; i < 150; i += 2) held.push({ id: 1000 + i, vpId: `co_${i}`, topLevel: i % 4 === 0 });
    // Near matches a loose search returns for co_1 and co_2: neither is co_1 or co_2.
    held.push({ id: 1, vpId: "CO_1" }, { id: 2, vpId: "co_1x" }, { id: 3, vpId: "co_20b" });
    server = await startTestServer((req, res) => sendJson(res, 200, searchAnswer(req, held)));
    const ids = Array.from({ length: 150 }, (_, i) => `co_${i}`);
    const found = await findBySourceIds(testConnection(server.url), "sales_account", ids);

    expect([...found.keys()].sort()).toEqual(ids.filter((_, i) => i % 2 === 0).sort());
    expect(found.get("co_20")?.id).toBe(1020);
    expect(found.get("co_22")?.id).toBe(1022);
    expect(found.has("co_1")).toBe(false);
    const sent = searches().map((r) => (JSON.parse(r.body.toString()) as { filter_rule: { attribute: string; operator: string; value: string[] }[] }).filter_rule[0]!);
    expect(sent.every((rule) => rule.attribute === "cf_vp_id" && rule.operator === "is_in" && rule.value.length <= 100)).toBe(true);
    expect(sent.map((rule) => rule.value.length)).toEqual([100, 50]);
    expect(lookups()).toHaveLength(0);
  });

  it("pages a batch whose answer spans several pages", async () => {
    const held = Array.from({ length: 60 }, (_, i) => ({ id: 500 + i, vpId: `d_${i}` }));
    // A server that pages by 25 whatever per_page says.
    server = await startTestServer((req, res) => {
      const page = Number(req.query.get("page") ?? 1);
      sendJson(res, 200, { sales_accounts: held.slice((page - 1) * 25, page * 25).map(view), meta: { total_pages: 3 } });
    });
    const found = await findBySourceIds(testConnection(server.url), "sales_account", held.map((h) => h.vpId));
    expect(found.size).toBe(60);
    expect(searches().map((r) => r.query.get("page"))).toEqual(["1", "2", "3"]);
  });

  it.each([400, 404, 405])("looks each id up when filtered search answers %i, reading single or double nesting", async (status) => {
    const held: Held[] = [{ id: 7, vpId: "co_1" }, { id: 8, vpId: "co_2", topLevel: true }];
    server = await startTestServer((req, res) => {
      if (req.path.endsWith("/lookup")) {
        const q = req.query.get("q") ?? "";
        expect(req.query.get("f")).toBe("cf_vp_id");
        expect(req.query.get("entities")).toBe("sales_account");
        // A lookup matching loosely: CO_1 comes back for co_1 too, and must not count.
        const hits = [...held, { id: 99, vpId: q.toUpperCase() }].filter((r) => r.vpId.toLowerCase() === q.toLowerCase()).map(view);
        return sendJson(res, 200, q === "co_1" ? { sales_accounts: { sales_accounts: hits } } : { sales_accounts: hits });
      }
      sendJson(res, status, { errors: { code: status, message: ["filter_rule: unknown attribute cf_vp_id"] } });
    });
    const found = await findBySourceIds(testConnection(server.url), "sales_account", ["co_1", "co_2", "co_3", "co_4"].concat(Array.from({ length: 100 }, (_, i) => `x_${i}`)));
    expect(new Map([...found].map(([k, v]) => [k, v.id]))).toEqual(new Map([["co_1", 7], ["co_2", 8]]));
    expect(lookups()).toHaveLength(104);
    // Refused once, filtered search is not asked again for the next hundred ids.
    expect(searches()).toHaveLength(1);
  });

  it("looks up the ids a filtered search could not decide: records that do not show the field", async () => {
    server = await startTestServer((req, res) => {
      if (req.path.endsWith("/lookup")) return sendJson(res, 200, { sales_accounts: { sales_accounts: req.query.get("q") === "co_2" ? [view({ id: 22, vpId: "co_2" })] : [] } });
      // Ignored the unknown attribute and answered thin records without custom fields.
      sendJson(res, 200, { sales_accounts: [{ id: 5, name: "Someone else's" }], meta: { total_pages: 1 } });
    });
    const found = await findBySourceIds(testConnection(server.url), "sales_account", ["co_1", "co_2"]);
    expect([...found].map(([k, v]) => [k, v.id])).toEqual([["co_2", 22]]);
    expect(lookups().map((r) => r.query.get("q"))).toEqual(["co_1", "co_2"]);
  });

  it("answers only the ids found, without looking up the rest when the search was conclusive", async () => {
    server = await startTestServer((req, res) => sendJson(res, 200, searchAnswer(req, [{ id: 3, vpId: "co_3" }])));
    const found = await findBySourceIds(testConnection(server.url), "sales_account", ["co_1", "co_3"]);
    expect([...found.keys()]).toEqual(["co_3"]);
    expect(lookups()).toHaveLength(0);
  });
});
