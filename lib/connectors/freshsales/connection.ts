import http from "node:http";
import https from "node:https";
import type { Readable } from "node:stream";
import { classifyFailure, MalformedResponseError, NetworkError } from "../http/http-errors";
import { readRateLimitHeaders, readRetryAfterMs } from "../http/rate-limit-headers";
import { parseJson, readBodyText, sendRequest, type IncomingResponse } from "../http/send-request";
import { DEFAULT_RETRY_POLICY, withRetry, type RetryPolicy } from "../http/with-retry";
import { normalizeFreshsalesBaseUrl } from "./base-url";
import { freshsalesError, FreshsalesOutcomeUnknownError } from "./errors";
import type { RateGovernor } from "./rate-governor";

export interface FreshsalesConnectionOptions {
  /** Full base URL (`https://acme.myfreshworks.com/crm/sales/api`, a sandbox URL) or a bare bundle domain. */
  baseUrl: string;
  apiKey: string;
  /** Shared pacing for the account; every attempt (retries and job polls too) goes through it. */
  governor: RateGovernor;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

export interface FreshsalesRequest {
  query?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  /** A raw body; a factory makes a retried attempt possible (a stream can be read once). */
  body?: () => { stream: Readable; headers: Record<string, string> };
  /**
   * Whether repeating the request is harmless. Reads, PUTs, DELETEs and upserts are; creates
   * are not, so after a timeout, reset or 5xx they end in `FreshsalesOutcomeUnknownError`.
   */
  idempotent?: boolean;
  /** May wait for calls on the critical path: see `RateGovernor.acquire`. */
  deferrable?: boolean;
}

export interface FreshsalesResponse {
  status: number;
  body: unknown;
}

/** The transport: auth, JSON, typed errors, retries, and the rate governor. */
export class FreshsalesConnection {
  readonly baseUrl: string;
  readonly governor: RateGovernor;
  private readonly apiKey: string;
  private readonly timeoutMs: number;
  private readonly policy: RetryPolicy;
  private readonly agent: http.Agent;

  constructor(options: FreshsalesConnectionOptions) {
    this.baseUrl = normalizeFreshsalesBaseUrl(options.baseUrl);
    this.apiKey = options.apiKey;
    this.governor = options.governor;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.policy = {
      ...DEFAULT_RETRY_POLICY,
      // One wait for everyone: the block goes into the shared store, and the retry's own
      // acquire() waits it out with every other caller.
      onRateLimited: (ms) => this.governor.rateLimited(ms),
      ...options.retry,
    };
    this.agent = this.baseUrl.startsWith("https:") ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  }

  /** Builds a URL under the base; an absolute URL from the server (job_status_url) is re-rooted on the base. */
  url(path: string, query?: FreshsalesRequest["query"]): URL {
    const url = new URL(`${this.baseUrl}/${path.replace(/^\/+/, "")}`);
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    return url;
  }

  async request(method: string, path: string, options: FreshsalesRequest = {}): Promise<FreshsalesResponse> {
    const idempotent = options.idempotent ?? method !== "POST";
    const policy: RetryPolicy = {
      ...this.policy,
      mayRepeat: (error) => idempotent || (error instanceof NetworkError && !error.requestSent),
    };
    try {
      return await withRetry(() => this.attempt(method, path, options), policy);
    } catch (error) {
      const kind = classifyFailure(error);
      if (!idempotent && (kind === "transient" || kind === "malformed")) throw new FreshsalesOutcomeUnknownError(method, path, error);
      throw error;
    }
  }

  private async attempt(method: string, path: string, options: FreshsalesRequest): Promise<FreshsalesResponse> {
    const url = this.url(path, options.query);
    const headers: Record<string, string> = { authorization: `Token token=${this.apiKey}`, accept: "application/json" };
    let body: string | Readable | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers["content-type"] = "application/json";
      headers["content-length"] = String(Buffer.byteLength(body));
    } else if (options.body) {
      const made = options.body();
      body = made.stream;
      Object.assign(headers, made.headers);
    }
    await this.governor.acquire({ deferrable: options.deferrable === true });
    let res: IncomingResponse;
    try {
      res = await sendRequest({ method, url, headers, body, timeoutMs: this.timeoutMs, agent: this.agent });
    } catch (error) {
      if (body && typeof body !== "string") body.destroy();
      throw error;
    }
    await this.governor.observe(readRateLimitHeaders(res.headers));
    const text = await readBodyText(res);
    const where = `${method} ${url.pathname}`;
    if (res.status < 200 || res.status >= 300) {
      throw freshsalesError(res.status, res.headers, text, readRetryAfterMs(res.headers), where);
    }
    if (res.status === 204 || text.trim() === "") return { status: res.status, body: null };
    const parsed = parseJson(text, where);
    if (parsed === null || typeof parsed !== "object") throw new MalformedResponseError(where, "expected a JSON object or array");
    return { status: res.status, body: parsed };
  }

  close(): void {
    this.agent.destroy();
  }
}
