import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Small in-test HTTP servers (never the sandbox): a handler per test, requests recorded. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export type TestHandler = (req: RecordedRequest, res: ServerResponse, raw: IncomingMessage) => void | Promise<void>;

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startTestServer(handler: TestHandler, options: { readBody?: boolean } = {}): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer(async (raw, res) => {
    const url = new URL(raw.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    if (options.readBody !== false) for await (const chunk of raw) chunks.push(chunk as Buffer);
    const req: RecordedRequest = { method: raw.method ?? "GET", path: url.pathname, query: url.searchParams, headers: raw.headers, body: Buffer.concat(chunks) };
    requests.push(req);
    try {
      await handler(req, res, raw);
    } catch (error) {
      if (!res.headersSent) res.writeHead(599).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}
