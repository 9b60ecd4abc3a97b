import type { IncomingMessage, ServerResponse } from "node:http";
import { badRequest } from "./api-error";
import type { Core } from "./core";
import type { User } from "./types";

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body (undefined for raw routes and empty bodies). */
  body: unknown;
  core: Core;
  user: User;
  /** Origin of this server, e.g. http://127.0.0.1:1234, for absolute URLs. */
  origin: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** "handled" when the handler answered the response itself (streams). */
export type Handler = (ctx: Ctx) => Reply | "handled" | Promise<Reply | "handled">;

interface Route {
  method: string;
  segments: string[];
  pattern: string;
  handler: Handler;
  raw: boolean;
}

export interface Match {
  handler: Handler;
  params: Record<string, string>;
  pattern: string;
  raw: boolean;
}

/** A small path router: patterns like `/contacts/:id/notes`, matched segment by segment. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler, opts: { raw?: boolean } = {}): void {
    this.routes.push({ method, segments: pattern.split("/").filter(Boolean), pattern, handler, raw: opts.raw ?? false });
  }

  match(method: string, path: string): Match | undefined {
    const parts = path.split("/").filter(Boolean);
    for (const r of this.routes) {
      if (r.method !== method || r.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const seg = r.segments[i] as string;
        const part = safeDecode(parts[i] as string);
        if (seg.startsWith(":")) params[seg.slice(1)] = part;
        else if (seg !== part) {
          ok = false;
          break;
        }
      }
      if (ok) return { handler: r.handler, params, pattern: r.pattern, raw: r.raw };
    }
    return undefined;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Parses a path id; a non-numeric id can never match a record, so it is a 404. */
export function idParam(ctx: Ctx, name = "id"): number {
  const raw = ctx.params[name] ?? "";
  return /^\d+$/.test(raw) ? Number(raw) : -1;
}

export function objectBody(ctx: Ctx): Record<string, unknown> {
  const b = ctx.body;
  if (b === undefined || b === null) return {};
  if (typeof b !== "object" || Array.isArray(b)) throw badRequest("The request body must be a JSON object");
  return b as Record<string, unknown>;
}

/** Accepts both `{"contact": {...}}` and the unwrapped body (doc §1). */
export function unwrap(ctx: Ctx, key: string): Record<string, unknown> {
  const b = objectBody(ctx);
  const inner = b[key];
  if (inner !== undefined) {
    if (typeof inner !== "object" || inner === null || Array.isArray(inner)) throw badRequest(`${key} must be an object`);
    return inner as Record<string, unknown>;
  }
  return b;
}

export function ok(body: unknown, status = 200): Reply {
  return { status, body };
}
