/**
 * The dry run's connection: reads pass (counted per endpoint, through the same rate governor
 * as every other call, so they spend the shared budget), anything that could write throws
 * before it is sent. Searches are POSTs that write nothing, so they are listed by path.
 */
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";

const READ_POSTS = [/^filtered_search\//, /^cpq\/products\/filterize$/];

export function isReadCall(method: string, path: string): boolean {
  const p = path.replace(/^\/+/, "").split("?")[0]!;
  return method === "GET" || (method === "POST" && READ_POSTS.some((re) => re.test(p)));
}

export class DryRunWriteError extends Error {
  constructor(method: string, path: string) {
    super(`the dry run tried a write call (${method} ${path}); it makes read calls only`);
  }
}

/** Counts calls by endpoint ("GET /lookup") into `calls`; refuses writes. */
export function readOnlyConnection(conn: FreshsalesConnection, calls: Record<string, number>): FreshsalesConnection {
  const guarded = Object.create(conn) as FreshsalesConnection;
  guarded.request = (method, path, options) => {
    if (!isReadCall(method, path)) return Promise.reject(new DryRunWriteError(method, path));
    const key = `${method} /${path.replace(/^\/+/, "").split("?")[0]!.replace(/\/\d+(?=\/|$)/g, "/:id")}`;
    calls[key] = (calls[key] ?? 0) + 1;
    return conn.request(method, path, options);
  };
  return guarded;
}
