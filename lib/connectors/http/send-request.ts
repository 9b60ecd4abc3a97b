import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { HttpStatusError, MalformedResponseError, NetworkError, RequestTimeoutError } from "./http-errors";
import { readRetryAfterMs } from "./rate-limit-headers";

/**
 * One HTTP exchange over node:http, not fetch: uploads stream from a Readable with a known
 * Content-Length, downloads hand back the response stream untouched, and the socket idle
 * timeout covers both a server that never answers and one that stalls mid-body.
 */
export interface OutgoingRequest {
  method: string;
  url: URL;
  headers?: Record<string, string>;
  body?: string | Buffer | Readable;
  timeoutMs: number;
  agent?: http.Agent;
}

export interface IncomingResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: IncomingMessage;
}

const NOT_CONNECTED_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);

export function sendRequest(request: OutgoingRequest): Promise<IncomingResponse> {
  const { url, timeoutMs } = request;
  const transport = url.protocol === "https:" ? https : http;
  const shownUrl = `${url.origin}${url.pathname}`;
  return new Promise<IncomingResponse>((resolve, reject) => {
    let settled = false;
    let connected = false;
    const req = transport.request(url, { method: request.method, headers: request.headers, agent: request.agent });
    req.setTimeout(timeoutMs, () => req.destroy(new RequestTimeoutError(shownUrl, timeoutMs)));
    req.on("socket", (socket) => {
      if (!socket.connecting) connected = true;
      else socket.once("connect", () => (connected = true));
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      if (error instanceof RequestTimeoutError) return reject(error);
      const sent = connected && !NOT_CONNECTED_CODES.has(error.code ?? "");
      reject(new NetworkError(shownUrl, error.code, sent, error));
    });
    req.on("response", (res) => {
      settled = true;
      // After the head arrives, a timeout or reset surfaces as an error on the body stream.
      req.on("error", (error) => res.destroy(error));
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res });
    });
    const body = request.body;
    if (body instanceof Readable) {
      pipeline(body, req).catch((error: unknown) => req.destroy(error instanceof Error ? error : new Error(String(error))));
    } else {
      req.end(body);
    }
  });
}

/** Reads a whole (small) body; larger answers than `maxBytes` are cut off as malformed. */
export async function readBodyText(res: IncomingResponse, maxBytes = 64 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res.body) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > maxBytes) {
      res.body.destroy();
      throw new MalformedResponseError("response", `body larger than ${maxBytes} bytes`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function parseJson(text: string, url: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new MalformedResponseError(url, `invalid JSON (${(error as Error).message})`);
  }
}

/** Builds the generic status error; connectors wrap it into their own typed errors. */
export function statusError(res: IncomingResponse, bodyText: string, url: string): HttpStatusError {
  return new HttpStatusError(
    `HTTP ${res.status} from ${url}`,
    res.status,
    res.headers,
    bodyText.slice(0, 4000),
    readRetryAfterMs(res.headers),
  );
}
