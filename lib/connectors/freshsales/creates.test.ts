import type { ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createProduct } from "@/lib/migration/write-products";
import { sendJson, startTestServer, type TestServer } from "../http/test-server";
import { createAppointment, createNote, createTask, hasMarker, listRecordTasks } from "./activities";
import { uploadDocument } from "./documents";
import { FreshsalesError, FreshsalesOutcomeUnknownError, FreshsalesValidationError } from "./errors";
import { getRecord, setDealProducts, updateRecord } from "./record-writes";
import { testConnection } from "./test-connection";
import type { FreshsalesConnection } from "./connection";

// Single creates have no idempotency key: an answer that does not name the created record must
// leave the outcome unknown (the intent row's marker settles it), never crash or repeat the call.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const GATEWAY = "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>";
function sendText(res: ServerResponse, status: number, text: string, type = "text/html"): void {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(text) }).end(text);
}

const creates: [string, string, (conn: FreshsalesConnection) => Promise<number>][] = [
  ["task", "/tasks", async (c) => (await createTask(c, { title: "Call", dueDate: "2024-05-01T10:00:00Z", targetableType: "Contact", targetableId: 5 })).id],
  ["appointment", "/appointments", async (c) => (await createAppointment(c, { title: "Visit", fromDate: "2024-05-01T10:00:00Z", endDate: "2024-05-01T11:00:00Z" })).id],
  ["note", "/notes", async (c) => (await createNote(c, { description: "Hi [vp:n_1]", targetableType: "Deal", targetableId: 2 })).id],
  ["product", "/cpq/products", (c) => createProduct(c, { name: "Cleaning" })],
];

describe.each(creates)("creating a %s", (root, path, create) => {
  async function answer(status: number, body: string, type = "application/json") {
    server = await startTestServer((req, res) => (req.path === `/crm/sales/api${path}` ? sendText(res, status, body, type) : sendJson(res, 404, {})));
    return create(testConnection(server.url)).catch((e: unknown) => e);
  }

  it.each([
    [201, { [root]: { id: 7, title: "x" } }, 7],
    [200, { [root]: { id: "8" } }, 8],
    [200, { id: 9, title: "bare" }, 9],
    // Sideloads first, the record after them.
    [201, { users: [{ id: 1, display_name: "Ann" }], targetable: { id: 5 }, [root]: { id: 10 } }, 10],
  ])("reads the id from a %i answer %j", async (status, body, id) => {
    expect(await answer(status, JSON.stringify(body))).toBe(id);
  });

  it.each([
    ["an HTML page", GATEWAY, "text/html"],
    ["an empty body", "", "application/json"],
    ["JSON without an id", JSON.stringify({ message: "Created successfully" }), "application/json"],
    ["a record without an id", JSON.stringify({ [root]: { title: "x" } }), "application/json"],
  ])("leaves the outcome unknown after a 200 with %s, sent once", async (_what, body, type) => {
    const error = await answer(200, body, type);
    expect(error).toBeInstanceOf(FreshsalesOutcomeUnknownError);
    expect(server!.requests).toHaveLength(1);
  });

  it("takes a gateway's 5xx HTML page as a transient failure with a readable reason, not a parse crash", async () => {
    const error = await answer(502, GATEWAY, "text/html");
    expect(error).toBeInstanceOf(FreshsalesOutcomeUnknownError);
    const cause = (error as Error).cause;
    expect(cause).toBeInstanceOf(FreshsalesError);
    expect((cause as FreshsalesError).messages).toEqual(["502 Bad Gateway"]);
    expect(server!.requests).toHaveLength(1);
  });

  it.each([
    [{ errors: { code: 400, message: ["Title can't be blank"] } }, ["Title can't be blank"]],
    [{ errors: { code: 400, message: "Title can't be blank" } }, ["Title can't be blank"]],
    [{ errors: [{ message: "Title can't be blank" }] }, ["Title can't be blank"]],
    [{ message: "Title can't be blank" }, ["Title can't be blank"]],
    [{ error: "Title can't be blank" }, ["Title can't be blank"]],
    [{ code: "invalid_params" }, ["code invalid_params"]],
  ])("names the refusal from %j", async (body, messages) => {
    const error = await answer(400, JSON.stringify(body));
    expect(error).toBeInstanceOf(FreshsalesValidationError);
    expect((error as FreshsalesValidationError).messages).toEqual(messages);
    expect((error as Error).message).toContain(messages[0]);
  });
});

describe("uploading a document", () => {
  const upload = (conn: FreshsalesConnection) =>
    uploadDocument(conn, { content: () => Readable.from([Buffer.from("hello")]), size: 5, fileName: "a.txt", targetableType: "Contact", targetableId: 1 }).catch((e: unknown) => e);

  it.each([
    [{ id: "55", msg: "uploaded", url: "https://files.example/55" }, 55],
    [{ document: { id: 56, name: "a.txt" } }, 56],
  ])("reads the id from %j", async (body, id) => {
    server = await startTestServer((_req, res) => sendJson(res, 200, body));
    expect(await upload(testConnection(server.url))).toMatchObject({ id });
  });

  it.each([["", "application/json"], [GATEWAY, "text/html"], ['{"msg":"uploaded"}', "application/json"]])("leaves the outcome unknown after a 200 of %j", async (body, type) => {
    server = await startTestServer((_req, res) => sendText(res, 200, body, type));
    expect(await upload(testConnection(server.url))).toBeInstanceOf(FreshsalesOutcomeUnknownError);
    expect(server.requests).toHaveLength(1);
  });
});

describe("reads through a gateway", () => {
  it("retries a GET answered by a gateway's HTML 502", async () => {
    let n = 0;
    server = await startTestServer((_req, res) => (n++ === 0 ? sendText(res, 502, GATEWAY) : sendJson(res, 200, { contact: { id: 4 } })));
    expect((await getRecord(testConnection(server.url), "contact", 4))?.id).toBe(4);
    expect(server.requests).toHaveLength(2);
  });
});

describe("an unknown create settled by its marker", () => {
  it("finds the task a 200 with an empty body did create", async () => {
    const tasks: Record<string, unknown>[] = [];
    server = await startTestServer((req, res) => {
      if (req.method === "POST") {
        const task = (JSON.parse(req.body.toString()) as { task: Record<string, unknown> }).task;
        tasks.push({ ...task, id: 300 + tasks.length });
        return sendText(res, 200, "", "application/json");
      }
      if (req.path === "/crm/sales/api/contacts/5/tasks") return sendJson(res, 200, { tasks });
      sendJson(res, 404, {});
    });
    const conn = testConnection(server.url);
    const mark = "[vp:act_9]";
    const error = await createTask(conn, { title: "Call", description: `Call back\n\n${mark}`, dueDate: "2024-05-01T10:00:00Z", targetableType: "Contact", targetableId: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FreshsalesOutcomeUnknownError);
    const found = (await listRecordTasks(conn, "contact", 5)).filter((t) => hasMarker(t, mark));
    expect(found.map((t) => t.id)).toEqual([300]);
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });
});

describe("updates answered without the record", () => {
  it.each<[string, (res: ServerResponse) => void]>([
    ["204 No Content", (res) => res.writeHead(204).end()],
    ["an empty 200", (res) => sendText(res, 200, "", "application/json")],
    ["a 200 naming no record", (res) => sendJson(res, 200, { message: "Updated" })],
  ])("takes %s as accepted, under the id sent to", async (_what, answer) => {
    server = await startTestServer((_req, res) => answer(res));
    const conn = testConnection(server.url);
    expect((await updateRecord(conn, "contact", 41, { first_name: "Ada" })).id).toBe(41);
    expect((await setDealProducts(conn, 77, [{ productId: 5, quantity: 2 }])).id).toBe(77);
    expect(server.requests.map((r) => r.method)).toEqual(["PUT", "PUT"]);
  });
});
