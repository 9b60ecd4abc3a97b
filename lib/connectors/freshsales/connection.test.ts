import { afterEach, describe, expect, it } from "vitest";
import { sendJson, startTestServer, type TestServer } from "../http/test-server";
import { createTask } from "./activities";
import { MemoryBudgetStore } from "./budget-store";
import {
  FreshsalesAuthError,
  FreshsalesForbiddenError,
  FreshsalesNotFoundError,
  FreshsalesOutcomeUnknownError,
  FreshsalesValidationError,
} from "./errors";
import { testConnection as checkConnection } from "./metadata";
import { createRecord, getRecord, upsertRecord } from "./record-writes";
import { testConnection } from "./test-connection";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const owners = { users: [{ id: 1, display_name: "Ann", email: "ann@example.com", is_active: true }, { id: 2, display_name: "Bo", email: "bo@example.com" }] };

describe("FreshsalesConnection", () => {
  it("sends the token header under the base path and reads the owner count", async () => {
    server = await startTestServer((req, res) => {
      if (req.headers.authorization !== "Token token=fs-key") return sendJson(res, 401, { errors: { code: 401, message: ["bad key"] } });
      sendJson(res, 200, owners, { "x-ratelimit-limit": "1000", "x-ratelimit-remaining": "999", "x-ratelimit-reset": "3600" });
    });
    expect(await checkConnection(testConnection(server.url))).toEqual({ ownerCount: 2 });
    expect(server.requests.map((r) => r.path)).toEqual(["/crm/sales/api/selector/owners"]);
  });

  it("turns 400/401/403/404 into typed errors without retrying", async () => {
    const answers: Record<string, [number, unknown]> = {
      "/crm/sales/api/contacts": [400, { errors: { code: 400, message: ["Email is invalid", "Last name can't be blank"] } }],
      "/crm/sales/api/deals": [401, { errors: { code: 401, message: ["Login failed"] } }],
      "/crm/sales/api/sales_accounts": [403, { message: "You do not have permission" }],
    };
    server = await startTestServer((req, res) => {
      const [status, body] = answers[req.path] ?? [404, { errors: { code: 404, message: ["not found"] } }];
      sendJson(res, status, body);
    });
    const conn = testConnection(server.url);
    const invalid = await createRecord(conn, "contact", { first_name: "A", emails: "nope" }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(FreshsalesValidationError);
    expect((invalid as FreshsalesValidationError).messages).toEqual(["Email is invalid", "Last name can't be blank"]);
    await expect(createRecord(conn, "deal", { name: "x" })).rejects.toBeInstanceOf(FreshsalesAuthError);
    await expect(createRecord(conn, "sales_account", { name: "x" })).rejects.toThrow(FreshsalesForbiddenError);
    await expect(conn.request("GET", "contacts/9")).rejects.toBeInstanceOf(FreshsalesNotFoundError);
    expect(await getRecord(conn, "contact", 9)).toBeNull();
    expect(server.requests).toHaveLength(5);
  });

  it("makes a 429 one wait for every caller: later callers hold back instead of storming", async () => {
    let blockedUntil = 0;
    let tooMany = 0;
    server = await startTestServer((req, res) => {
      const now = Date.now();
      if (blockedUntil === 0 || now < blockedUntil) {
        if (blockedUntil === 0) blockedUntil = now + 1000;
        tooMany++;
        return sendJson(res, 429, { errors: { code: 429, message: ["Too many requests"] } }, { "retry-after": "1" });
      }
      sendJson(res, 200, { contact: { id: Number(req.path.split("/").pop()), first_name: "x" } });
    });
    const store = new MemoryBudgetStore();
    const a = testConnection(server.url, { store });
    const b = testConnection(server.url, { store });
    const c = testConnection(server.url, { store });
    const first = getRecord(a, "contact", 1);
    // Start the others only once the first 429 is on record in the shared store.
    while ((await store.blockedForMs("test")) <= 0) await new Promise((r) => setTimeout(r, 5));
    const results = await Promise.all([first, getRecord(b, "contact", 2), getRecord(c, "contact", 3), getRecord(c, "contact", 4)]);
    expect(results.map((r) => r?.id)).toEqual([1, 2, 3, 4]);
    expect(tooMany).toBe(1);
    expect(server.requests).toHaveLength(5);
  });

  it("retries 5xx, hung requests and resets for reads and upserts", async () => {
    const seen = new Map<string, number>();
    server = await startTestServer((req, res) => {
      const n = (seen.get(req.path) ?? 0) + 1;
      seen.set(req.path, n);
      if (n === 1 && req.path.endsWith("/1")) return sendJson(res, 502, "bad gateway");
      if (n === 1 && req.path.endsWith("/2")) return; // hangs
      if (n === 1 && req.path.endsWith("/upsert")) return void res.socket?.destroy();
      if (req.path.endsWith("/upsert")) return sendJson(res, 201, { contact: { id: 77, custom_field: { cf_vp_id: "c_1" } } });
      sendJson(res, 200, { contact: { id: Number(req.path.split("/").pop()) } });
    });
    const conn = testConnection(server.url, { timeoutMs: 150 });
    expect((await getRecord(conn, "contact", 1))?.id).toBe(1);
    expect((await getRecord(conn, "contact", 2))?.id).toBe(2);
    const upserted = await upsertRecord(conn, "contact", { cf_vp_id: "c_1" }, { first_name: "A", cf_vp_id: "c_1" });
    expect(upserted).toMatchObject({ created: true, record: { id: 77, fields: { cf_vp_id: "c_1" } } });
    expect([...seen.values()]).toEqual([2, 2, 2]);
    expect(JSON.parse(server.requests.at(-1)?.body.toString() ?? "{}")).toEqual({
      unique_identifier: { cf_vp_id: "c_1" },
      contact: { first_name: "A", custom_field: { cf_vp_id: "c_1" } },
    });
  });

  it("does not repeat a create whose outcome is unknown", async () => {
    server = await startTestServer((_req, res) => sendJson(res, 503, { errors: { code: 503, message: ["unavailable"] } }));
    const conn = testConnection(server.url);
    const error = await createTask(conn, { title: "[vp:act_1] Call back", dueDate: "2024-05-01T10:00:00Z", targetableType: "Contact", targetableId: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FreshsalesOutcomeUnknownError);
    expect(server.requests).toHaveLength(1);
  });
});
