import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, defaultMessage, errorBody, type ErrorShape } from "./api-error";
import { injectedAnswer } from "./fault-answers";
import type { Core } from "./core";
import type { Ctx, Reply, Router } from "./router";
import type { ApiKeyConfig, User } from "./types";

export const API_PREFIX = "/crm/sales/api";
export const CLASSIC_PREFIX = "/api";
export const ADMIN_PREFIX = "/_emulator";

export interface Routers {
  api: Router;
  classic: Router;
  admin: Router;
}

export function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  headers["content-type"] = "application/json; charset=utf-8";
  headers["content-length"] = String(Buffer.byteLength(text));
  res.writeHead(reply.status, headers);
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, messages?: string[], headers?: Record<string, string>, shape?: ErrorShape): void {
  send(res, { status, body: errorBody(status, messages ?? [defaultMessage(status)], shape), headers });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  // Most calls are bodiless GETs: skip the stream machinery for them (it costs throughput).
  if (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] === undefined) return undefined;
  if (req.headers["content-length"] === "0") return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, ["The request body is not valid JSON"]);
  }
}

/** Reads and searches sent by POST, which write nothing: their answers are never lost. */
const READS = /^\/(filtered_search|lookup|search)\b|\/filterize$/;

/** A write applied whose answer is replaced by a 502 (profile.hiddenWrites.writeAnswered502). */
function answerLost(core: Core, method: string, rel: string, reply: Reply): boolean {
  const rate = core.profile.hiddenWrites.writeAnswered502;
  if (rate <= 0 || (method !== "POST" && method !== "PUT") || READS.test(rel) || reply.status >= 300) return false;
  if (core.hiddenDraw() >= rate) return false;
  core.hiddenWrites.writeAnswered502++;
  return true;
}

function sendLost(core: Core, res: ServerResponse): void {
  const custom = injectedAnswer(core.profile, 502, 0);
  if (!custom) return sendError(res, 502, undefined, undefined, core.profile.errors.shape);
  if (res.headersSent || res.destroyed) return;
  res.writeHead(502, { ...custom.headers, "content-length": String(Buffer.byteLength(custom.text)) });
  res.end(custom.text);
}

/** `Authorization: Token token=<key>` (quotes tolerated). */
function keyFrom(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  const m = h ? /^Token\s+token="?([^"\s]+)"?\s*$/i.exec(h) : null;
  return m?.[1];
}

/** The module a path belongs to, for per-key permissions: its first segment. */
function moduleOf(rel: string): string {
  const [first = "", second = ""] = rel.split("/").filter(Boolean);
  if (first === "filtered_search") return { contact: "contacts", sales_account: "sales_accounts", deal: "deals" }[second] ?? second;
  if (first === "api") return second;
  return first;
}

export interface Auth {
  keys: Map<string, ApiKeyConfig>;
}

/**
 * One request: admin routes bypass auth and limits; API routes go through auth (401),
 * the account-wide rate limit (429), module permissions (403), faults, then routing.
 */
export async function handle(core: Core, routers: Routers, auth: Auth, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const origin = `http://${req.headers.host ?? "127.0.0.1"}`;
  const method = (req.method ?? "GET").toUpperCase();
  const shape = core.profile.errors.shape;
  let router: Router;
  let rel: string;
  let isAdmin = false;
  if (url.pathname === ADMIN_PREFIX || url.pathname.startsWith(`${ADMIN_PREFIX}/`)) {
    router = routers.admin;
    rel = url.pathname.slice(ADMIN_PREFIX.length) || "/";
    isAdmin = true;
  } else if (url.pathname.startsWith(`${API_PREFIX}/`)) {
    router = routers.api;
    rel = url.pathname.slice(API_PREFIX.length);
  } else if (core.classic && url.pathname.startsWith(`${CLASSIC_PREFIX}/`)) {
    router = routers.classic;
    rel = url.pathname.slice(CLASSIC_PREFIX.length);
  } else {
    req.resume();
    return sendError(res, 404, undefined, undefined, shape);
  }

  const match = router.match(method, rel);
  let user: User | undefined = core.store.users[0];
  if (!isAdmin) {
    const key = keyFrom(req);
    const cfg = key ? auth.keys.get(key) : undefined;
    if (!cfg) {
      req.resume();
      return sendError(res, 401, undefined, undefined, shape);
    }
    const decision = core.limiter.take();
    for (const [k, v] of Object.entries(decision.headers)) res.setHeader(k, v);
    if (!decision.allowed) {
      req.resume();
      return sendError(res, 429, [`API rate limit exceeded; retry after ${decision.retrySeconds ?? "?"} seconds`], undefined, shape);
    }
    // Counted here, once the call has consumed budget, so stats add up to what the limiter saw.
    core.countCall(`${method} ${match?.pattern ?? "(unmatched)"}`);
    if (cfg.forbidden?.includes(moduleOf(rel))) {
      req.resume();
      return sendError(res, 403, [`You do not have permission to access ${moduleOf(rel)}`], undefined, shape);
    }
    user = (cfg.userId !== undefined ? core.store.user(cfg.userId) : undefined) ?? core.store.users[0];
    const faulty = core.faults.get().rules.length > 0;
    const answer = (status: number, retryAfterSeconds: number) => injectedAnswer(core.profile, status, retryAfterSeconds);
    if (faulty && (await core.faults.apply(req, res, url.pathname, (status) => errorBody(status, [defaultMessage(status)], shape), answer))) return;
  }
  if (!match || !user) {
    req.resume();
    return sendError(res, 404, [`No route for ${method} ${url.pathname}`], undefined, shape);
  }
  try {
    const body = match.raw ? undefined : await readJson(req);
    const ctx: Ctx = { req, res, params: match.params, query: url.searchParams, body, core, user, origin };
    const reply = await match.handler(ctx);
    if (reply !== "handled" && !isAdmin && answerLost(core, method, rel, reply)) return sendLost(core, res);
    // The other reading of an update's answer (profile.updates): accepted, no body.
    if (reply !== "handled" && method === "PUT" && core.profile.updates === "no_content" && reply.status < 300) return send(res, { status: 204, headers: reply.headers });
    if (reply !== "handled") send(res, reply);
  } catch (e) {
    if (e instanceof ApiError) return sendError(res, e.status, e.messages, e.headers, shape);
    console.error("[freshsales-emulator] unexpected error", e);
    sendError(res, 500, [e instanceof Error ? e.message : String(e)], undefined, shape);
  }
}
