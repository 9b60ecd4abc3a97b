import { afterEach, describe, expect, it } from "vitest";
import type { VpRecord } from "../generator/json";
import { SandboxClock } from "../shared/clock";
import { startVisualPracticeServer, type VisualPracticeServer } from "./server";
import { get, type ListBody } from "./test-client";

let server: VisualPracticeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// A nearly frozen clock: the one-second rate window cannot roll over during a test.
const frozen = () => new SandboxClock(1e-9);

async function start(options: Partial<Parameters<typeof startVisualPracticeServer>[0]> = {}): Promise<VisualPracticeServer> {
  server = await startVisualPracticeServer({ seed: 2, total: 800, ratePerSecond: false, ...options });
  return server;
}

async function errorOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(["error"]);
  return { status: res.status, code: body.error.code, message: body.error.message };
}

describe("Visual Practice sandbox: protocol", () => {
  it("answers 401 for a missing or wrong token and 404 for unknown paths and ids", async () => {
    const s = await start();
    expect(await errorOf(await get(s, "/contacts", null))).toMatchObject({ status: 401, code: "unauthorized" });
    expect(await errorOf(await get(s, "/contacts", "wrong"))).toMatchObject({ status: 401, code: "unauthorized" });
    expect(await errorOf(await get(s, "/patients"))).toMatchObject({ status: 404, code: "not_found" });
    expect(await errorOf(await get(s, "/contacts/con_9999999999"))).toMatchObject({ status: 404, code: "not_found" });
    expect(await errorOf(await get(s, "/deals/con_0000000001"))).toMatchObject({ status: 404, code: "not_found" });
    expect(await errorOf(await get(s, "/contacts/con_0000000001/content"))).toMatchObject({ status: 404 });
  });

  it("rejects bad list parameters with 400 invalid_parameter", async () => {
    const s = await start();
    for (const query of ["per_page=201", "per_page=0", "per_page=abc", "page=0", "page=-1", "page=1.5",
      "updated_since=yesterday", "include_deleted=yes"]) {
      expect(await errorOf(await get(s, `/contacts?${query}`)), query).toMatchObject({ status: 400, code: "invalid_parameter" });
    }
    expect(await errorOf(await get(s, "/activities?type=fax"))).toMatchObject({ status: 400, code: "invalid_parameter" });
    const body = (await (await get(s, "/contacts?per_page=200")).json()) as ListBody;
    expect(body.meta.per_page).toBe(200);
    const defaults = (await (await get(s, "/contacts")).json()) as ListBody;
    expect(defaults.meta).toMatchObject({ page: 1, per_page: 50 });
    expect(defaults.data).toHaveLength(50);
  });

  it("sends the rate-limit headers on every response and 429 with Retry-After past the budget", async () => {
    const s = await start({ ratePerSecond: 3, clock: frozen() });
    const seen: (string | null)[] = [];
    for (let k = 0; k < 3; k++) {
      const res = await get(s, "/users");
      expect(res.status).toBe(200);
      expect(res.headers.get("x-ratelimit-limit")).toBe("3");
      expect(Number(res.headers.get("x-ratelimit-reset"))).toBeGreaterThanOrEqual(1);
      seen.push(res.headers.get("x-ratelimit-remaining"));
    }
    expect(seen).toEqual(["2", "1", "0"]);
    const limited = await get(s, "/users");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(await errorOf(limited)).toMatchObject({ code: "rate_limited" });
    const unauthorised = await get(s, "/users", "wrong");
    expect(unauthorised.status).toBe(401);
    expect(unauthorised.headers.get("x-ratelimit-limit")).toBe("3");
    // The sandbox admin endpoints are not rate-limited.
    const admin = await fetch(`${s.url}/_sandbox/update`, { method: "POST", body: JSON.stringify({ collection: "users", id: "usr_0000000001", patch: { role: "owner" } }) });
    expect(admin.status).toBe(200);
  });

  it("lets a window pass on the compressed clock", async () => {
    const s = await start({ ratePerSecond: 1, clock: new SandboxClock(1000) });
    let ok = 0;
    for (let k = 0; k < 5; k++) {
      const res = await get(s, "/users");
      if (res.status === 200) ok++;
      await new Promise((r) => setTimeout(r, 5)); // 5 real ms = 5 emulated seconds
    }
    expect(ok).toBe(5);
  });

  it("streams attachment bytes with Content-Type and Content-Length, the same each time", async () => {
    const s = await start({ hugeAttachmentBytes: 3 * 1024 * 1024, dirtyRates: { empty_attachment: 0.2, huge_attachment: 0.1 } });
    const ds = s.dataset;
    const pick = (name: "empty_attachment" | "huge_attachment") => ds.idOf("attachments", ds.indicesWithCase("attachments", name)[0] ?? 0);
    for (const id of [ds.idOf("attachments", 1), pick("empty_attachment"), pick("huge_attachment")]) {
      const meta = ((await (await get(s, `/attachments/${id}`)).json()) as { data: VpRecord }).data;
      const res = await get(s, `/attachments/${id}/content`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(meta.content_type);
      expect(res.headers.get("content-length")).toBe(String(meta.size_bytes));
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.length).toBe(meta.size_bytes);
      const again = Buffer.from(await (await get(s, `/attachments/${id}/content`)).arrayBuffer());
      expect(again.equals(bytes)).toBe(true);
    }
    expect(Number(((await (await get(s, `/attachments/${pick("huge_attachment")}`)).json()) as { data: VpRecord }).data.size_bytes)).toBeGreaterThanOrEqual(3 * 1024 * 1024);
  });

  it("injects faults through the shared FaultInjector, in the contract's error shape", async () => {
    const s = await start({ ratePerSecond: 20, clock: frozen() });
    s.faults.set({ rules: [{ path: "/api/v1/deals", errorRates: { 503: 1 }, retryAfterSeconds: 2 }] });
    const res = await get(s, "/deals");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(res.headers.get("x-ratelimit-limit")).toBe("20");
    expect(await errorOf(res)).toMatchObject({ code: "service_unavailable" });
    expect((await get(s, "/contacts")).status).toBe(200);
    s.faults.clear();
    expect((await get(s, "/deals")).status).toBe(200);
  });

  it("changes the source through the /_sandbox admin endpoints", async () => {
    const s = await start();
    const post = (action: string, body: unknown) => fetch(`${s.url}/_sandbox/${action}`, { method: "POST", body: JSON.stringify(body) });
    const created = await post("create", { collection: "companies", record: { name: "Brand New Clinic", parent_company_id: null } });
    expect(created.status).toBe(201);
    const record = ((await created.json()) as { data: VpRecord }).data;
    expect(record.id > s.dataset.idOf("companies", s.dataset.count("companies") - 1)).toBe(true);
    const fetched = ((await (await get(s, `/companies/${record.id}`)).json()) as { data: VpRecord }).data;
    expect(fetched).toEqual(record);
    const updated = await post("update", { collection: "companies", id: record.id, patch: { name: "Renamed Clinic" } });
    expect(((await updated.json()) as { data: VpRecord }).data.name).toBe("Renamed Clinic");
    expect(await errorOf(await post("update", { collection: "companies", id: "cmp_9999999999", patch: {} }))).toMatchObject({ status: 404, code: "not_found" });
    expect(await errorOf(await post("delete", { collection: "patients", id: "x" }))).toMatchObject({ status: 400, code: "invalid_parameter" });
    expect(await errorOf(await post("update", { collection: "companies", id: record.id }))).toMatchObject({ status: 400 });
    expect((await post("faults", { rules: [{ path: "/api/v1/users", errorRates: { 500: 1 } }] })).status).toBe(200);
    expect(await errorOf(await get(s, "/users"))).toMatchObject({ status: 500, code: "server_error" });
    expect((await post("faults", { rules: [] })).status).toBe(200);
    expect((await get(s, "/users")).status).toBe(200);
  });
});
