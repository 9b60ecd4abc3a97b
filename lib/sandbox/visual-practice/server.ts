import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pipeline } from "node:stream/promises";
import { type Collection, type GeneratorConfig, isCollection, COLLECTIONS } from "../generator/config";
import { Dataset } from "../generator/dataset";
import type { JsonObject, VpRecord } from "../generator/json";
import { attachmentContent } from "../generator/records-attachments";
import { SandboxClock } from "../shared/clock";
import { FaultInjector } from "../shared/faults";
import { handleAdmin } from "./admin-routes";
import { errorCodeFor, sendError, sendJson } from "./http-util";
import { parseListParams } from "./list-params";
import { Lister } from "./listing";
import { Overlay } from "./overlay";
import { RateLimiter, type RateDecision } from "./rate-limiter";

export interface VisualPracticeServerOptions extends GeneratorConfig {
  port?: number;
  host?: string;
  token?: string;
  /** Requests per second per token; 0 or false turns the limit off (default 20). */
  ratePerSecond?: number | false;
  clock?: SandboxClock;
}

export interface VisualPracticeServer {
  /** Origin, e.g. http://127.0.0.1:43127 */
  url: string;
  /** `${url}/api/v1` */
  baseUrl: string;
  token: string;
  faults: FaultInjector;
  dataset: Dataset;
  update(collection: Collection, id: string, patch: JsonObject): VpRecord;
  create(collection: Collection, record: JsonObject): VpRecord;
  softDelete(collection: Collection, id: string): VpRecord;
  close(): Promise<void>;
}

const API_PREFIX = "/api/v1/";

function rateHeaders(decision: RateDecision): Record<string, string> {
  return {
    "x-ratelimit-limit": String(decision.limit),
    "x-ratelimit-remaining": String(decision.remaining),
    "x-ratelimit-reset": String(decision.resetSeconds),
  };
}

export async function startVisualPracticeServer(options: VisualPracticeServerOptions): Promise<VisualPracticeServer> {
  const { port = 0, host = "127.0.0.1", token = "vp-sandbox-token", ratePerSecond = 20, clock = new SandboxClock() } = options;
  const dataset = new Dataset(options);
  const overlay = new Overlay(dataset, () => clock.now());
  const lister = new Lister(dataset, overlay);
  const faults = new FaultInjector();
  const limiter = ratePerSecond ? new RateLimiter(ratePerSecond, clock) : null;
  for (const collection of COLLECTIONS) lister.warm(collection);

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const auth = req.headers.authorization ?? "";
    const presented = auth.startsWith("Bearer ") ? auth.slice(7).trim() : "";
    if (presented !== token) {
      const headers = limiter ? rateHeaders(limiter.peek()) : {};
      sendError(res, 401, "unauthorized", presented ? "invalid token" : "missing bearer token", headers);
      return;
    }
    let headers: Record<string, string> = {};
    if (limiter) {
      const decision = limiter.take(token);
      headers = rateHeaders(decision);
      if (!decision.allowed) {
        sendError(res, 429, "rate_limited", `more than ${decision.limit} requests per second`, {
          ...headers,
          "retry-after": String(decision.resetSeconds),
        });
        return;
      }
    }
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const consumed = await faults.apply(req, res, url.pathname, (status) => ({
      error: { code: errorCodeFor(status), message: `injected ${status}` },
    }));
    if (consumed) return;
    if (req.method !== "GET" && req.method !== "HEAD") {
      sendError(res, 405, "method_not_allowed", "the API is read-only", { allow: "GET" });
      return;
    }
    const parts = url.pathname.slice(API_PREFIX.length).split("/").filter(Boolean).map(decodeURIComponent);
    const [name, id, sub, ...rest] = parts;
    if (!name || !isCollection(name) || rest.length > 0) {
      sendError(res, 404, "not_found", `no such endpoint ${url.pathname}`);
      return;
    }
    if (id === undefined) {
      const params = parseListParams(name, url.searchParams);
      if (!params.ok) {
        sendError(res, 400, "invalid_parameter", params.message);
        return;
      }
      const offset = (params.page - 1) * params.perPage;
      const { data, total } = lister.list(name, params.filter, offset, params.perPage);
      sendJson(res, 200, {
        data,
        meta: { page: params.page, per_page: params.perPage, total, total_pages: Math.ceil(total / params.perPage) },
      });
      return;
    }
    const record = overlay.get(name, id);
    if (!record || (sub !== undefined && !(sub === "content" && name === "attachments"))) {
      sendError(res, 404, "not_found", record ? `no such endpoint ${url.pathname}` : `${name} ${id} not found`);
      return;
    }
    if (sub === undefined) {
      sendJson(res, 200, { data: record });
      return;
    }
    const size = Number(record.size_bytes) || 0;
    const contentType = String(record.content_type ?? "application/octet-stream");
    res.writeHead(200, { "content-type": contentType, "content-length": String(size) });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    await pipeline(attachmentContent(dataset, record.id, size, contentType), res);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://sandbox");
    const handler = url.pathname.startsWith("/_sandbox/")
      ? handleAdmin(req, res, url, { overlay, faults })
      : url.pathname.startsWith(API_PREFIX)
        ? api(req, res, url)
        : Promise.resolve(sendError(res, 404, "not_found", `no such endpoint ${url.pathname}`));
    handler.catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else sendError(res, 500, "server_error", error instanceof Error ? error.message : "internal error");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
  return {
    url: origin,
    baseUrl: `${origin}/api/v1`,
    token,
    faults,
    dataset,
    update: (collection, id, patch) => overlay.update(collection, id, patch),
    create: (collection, record) => overlay.create(collection, record),
    softDelete: (collection, id) => overlay.softDelete(collection, id),
    close: () =>
      new Promise<void>((resolve, reject) => {
        faults.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
