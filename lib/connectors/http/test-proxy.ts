import http, { type IncomingHttpHeaders } from "node:http";
import { startTestServer, type RecordedRequest, type TestServer } from "./test-server";

/**
 * An in-test HTTP proxy in front of a real server (e.g. the Freshsales emulator) that may
 * rewrite what passes: a request body before it is forwarded, an answer before it is returned.
 * It lets a test play "the same API, answering in another documented shape". Test support only.
 */
export interface ProxiedAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ProxyRules {
  /** A replacement request body, or undefined to forward it as sent. */
  request?: (req: RecordedRequest) => Buffer | undefined;
  /** A replacement answer, or undefined to return the upstream one. */
  answer?: (req: RecordedRequest, upstream: ProxiedAnswer) => { status?: number; body: string | Buffer; contentType?: string } | undefined;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "host"]);

function forward(origin: string, req: RecordedRequest, body: Buffer): Promise<ProxiedAnswer> {
  const url = new URL(`${req.path}${req.query.size > 0 ? `?${req.query.toString()}` : ""}`, origin);
  const headers: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(req.headers)) if (value !== undefined && !HOP_BY_HOP.has(key)) headers[key] = value;
  headers["content-length"] = String(body.length);
  return new Promise((resolve, reject) => {
    const out = http.request(url, { method: req.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    out.on("error", reject);
    out.end(body);
  });
}

export function startRewritingProxy(origin: string, rules: ProxyRules): Promise<TestServer> {
  return startTestServer(async (req, res) => {
    const upstream = await forward(origin, req, rules.request?.(req) ?? req.body);
    const replaced = rules.answer?.(req, upstream);
    const body = replaced ? Buffer.from(replaced.body) : upstream.body;
    const headers: Record<string, string | string[]> = {};
    for (const [key, value] of Object.entries(upstream.headers)) if (value !== undefined && !HOP_BY_HOP.has(key)) headers[key] = value;
    if (replaced?.contentType) headers["content-type"] = replaced.contentType;
    headers["content-length"] = String(body.length);
    res.writeHead(replaced?.status ?? upstream.status, headers).end(body);
  });
}
