import http from "node:http";
import https from "node:https";
import type { Readable } from "node:stream";
import { HttpStatusError, MalformedResponseError } from "../http/http-errors";
import { readRateLimitHeaders } from "../http/rate-limit-headers";
import { parseJson, readBodyText, sendRequest, statusError, type IncomingResponse } from "../http/send-request";
import { DEFAULT_RETRY_POLICY, withRetry, type RetryPolicy } from "../http/with-retry";
import { VpBadRequestError, VpMalformedPageError, VpPageFailedError, VpUnauthorizedError } from "./errors";
import { iteratePages, type IterateOptions, type PageOutcome } from "./iterate-pages";
import { parseRecords } from "./parse-records";
import { RatePacer } from "./rate-pacer";
import type { VpCollection, VpCustomProperty, VpRecordOf, VpRecordProblem, VpWorkflow } from "./records";

export interface VisualPracticeClientOptions {
  /** Full API base, e.g. `https://acme.visualpractice.example/api/v1` or a sandbox URL. */
  baseUrl: string;
  token: string;
  /** Per-request idle timeout; a hung request is abandoned and retried. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Upper bound for parallel page fetches; the rate-limit headers may lower it. */
  maxConcurrency?: number;
}

export interface ListPageOptions {
  page: number;
  perPage?: number;
  /** Only records with `updated_at >= updatedSince`. */
  updatedSince?: string | Date;
  includeDeleted?: boolean;
  /** Activities only: `call` | `email` | `note` | `meeting`. */
  type?: string;
}

export interface VpPage<C extends VpCollection> {
  collection: C;
  page: number;
  perPage: number;
  records: VpRecordOf<C>[];
  problems: VpRecordProblem[];
  /** From `meta`; undefined when the server left `meta` out. */
  total: number | undefined;
  totalPages: number | undefined;
}

export interface AttachmentContent {
  stream: Readable;
  contentType: string | undefined;
  contentLength: number | undefined;
}

export const VP_MAX_PER_PAGE = 200;

/** Read-only client for the Visual Practice API (docs/visual-practice-api.md). */
export class VisualPracticeClient {
  readonly baseUrl: string;
  readonly maxConcurrency: number;
  readonly pacer = new RatePacer();
  private readonly token: string;
  private readonly timeoutMs: number;
  private readonly policy: RetryPolicy;
  private readonly agent: http.Agent;

  constructor(options: VisualPracticeClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.token = options.token;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxConcurrency = options.maxConcurrency ?? 8;
    // The pacer already holds every request until the server's wait is over.
    this.policy = { ...DEFAULT_RETRY_POLICY, onRateLimited: async () => {}, ...options.retry };
    this.agent = this.baseUrl.startsWith("https:") ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  }

  /** One cheap call: proves the URL and token and reports the user count. */
  async testConnection(): Promise<{ userCount: number | undefined; rateLimitPerWindow: number | undefined }> {
    const { body, res } = await this.getJson("users", { page: "1", per_page: "1" });
    const meta = isRecord(body) && isRecord(body.meta) ? body.meta : {};
    return {
      userCount: typeof meta.total === "number" ? meta.total : undefined,
      rateLimitPerWindow: readRateLimitHeaders(res.headers).limit,
    };
  }

  /** Record totals per collection from `meta.total`, one small request each. */
  async totals(collections: readonly VpCollection[]): Promise<Partial<Record<VpCollection, number>>> {
    const result: Partial<Record<VpCollection, number>> = {};
    for (const collection of collections) {
      result[collection] = (await this.listPage(collection, { page: 1, perPage: 1 })).total;
    }
    return result;
  }

  /** Fetches and parses one page; throws `VpMalformedPageError` naming collection and page. */
  async listPage<C extends VpCollection>(collection: C, options: ListPageOptions): Promise<VpPage<C>> {
    const perPage = Math.min(options.perPage ?? 50, VP_MAX_PER_PAGE);
    const query: Record<string, string> = { page: String(options.page), per_page: String(perPage) };
    if (options.updatedSince) {
      query.updated_since = options.updatedSince instanceof Date ? options.updatedSince.toISOString() : options.updatedSince;
    }
    if (options.includeDeleted) query.include_deleted = "true";
    if (options.type) query.type = options.type;
    let data: unknown[] = [];
    let meta: Record<string, unknown> = {};
    try {
      const { body } = await this.getJson(collection, query, (parsed, url) => {
        if (!isRecord(parsed) || !Array.isArray(parsed.data)) throw new MalformedResponseError(url, "no `data` array");
      });
      const envelope = body as { data: unknown[]; meta?: unknown };
      data = envelope.data;
      meta = isRecord(envelope.meta) ? envelope.meta : {};
    } catch (error) {
      if (error instanceof MalformedResponseError) throw new VpMalformedPageError(collection, options.page, error);
      if (error instanceof VpUnauthorizedError || error instanceof VpBadRequestError) throw error;
      throw new VpPageFailedError(collection, options.page, error);
    }
    // `data` was parsed from this response and nothing else holds it.
    const { records, problems } = parseRecords(collection, data, { owned: true });
    return {
      collection,
      page: options.page,
      perPage,
      records,
      problems,
      total: typeof meta.total === "number" ? meta.total : undefined,
      totalPages: typeof meta.total_pages === "number" ? meta.total_pages : undefined,
    };
  }

  /** Every page of a collection, fetched in parallel within the rate limit, in page order. */
  iteratePages<C extends VpCollection>(collection: C, options: IterateOptions = {}): AsyncGenerator<PageOutcome<C>> {
    return iteratePages(this, collection, options);
  }

  /** One record, or null when the server answers 404. */
  async getRecord<C extends VpCollection>(
    collection: C,
    id: string,
  ): Promise<{ record: VpRecordOf<C> | null; problems: VpRecordProblem[] } | null> {
    try {
      const { body } = await this.getJson(`${collection}/${encodeURIComponent(id)}`, {}, (parsed, url) => {
        if (!isRecord(parsed) || !isRecord(parsed.data)) throw new MalformedResponseError(url, "no `data` object");
      });
      const { records, problems } = parseRecords(collection, [(body as { data: unknown }).data], { owned: true });
      return { record: records[0] ?? null, problems };
    } catch (error) {
      if (error instanceof HttpStatusError && error.status === 404) return null;
      throw error;
    }
  }

  /** The attachment's bytes as a stream; only the request is retried, never a half-read body. */
  async openAttachment(id: string): Promise<AttachmentContent> {
    const res = await this.request(`attachments/${encodeURIComponent(id)}/content`, {});
    const length = Number(res.headers["content-length"]);
    return {
      stream: res.body,
      contentType: res.headers["content-type"],
      contentLength: Number.isFinite(length) && res.headers["content-length"] !== undefined ? length : undefined,
    };
  }

  async streamAttachment(id: string): Promise<Readable> {
    return (await this.openAttachment(id)).stream;
  }

  /** The custom-property catalogue (all pages). */
  async customProperties(): Promise<{ records: VpCustomProperty[]; problems: VpRecordProblem[] }> {
    return this.collectAll("custom-properties");
  }

  /** Workflow definitions, exported for the admin to rebuild; never executed. */
  async workflows(): Promise<{ records: VpWorkflow[]; problems: VpRecordProblem[] }> {
    return this.collectAll("workflows");
  }

  private async collectAll<C extends VpCollection>(collection: C): Promise<{ records: VpRecordOf<C>[]; problems: VpRecordProblem[] }> {
    const records: VpRecordOf<C>[] = [];
    const problems: VpRecordProblem[] = [];
    for await (const outcome of this.iteratePages(collection, { perPage: VP_MAX_PER_PAGE })) {
      if (!outcome.ok) throw outcome.error;
      records.push(...outcome.records);
      problems.push(...outcome.problems);
    }
    return { records, problems };
  }

  private async getJson(
    path: string,
    query: Record<string, string>,
    validate?: (parsed: unknown, url: string) => void,
  ): Promise<{ body: unknown; res: IncomingResponse }> {
    return withRetry(async () => {
      const res = await this.attempt(path, query);
      const url = `${this.baseUrl}/${path}`;
      const parsed = parseJson(await readBodyText(res), url);
      validate?.(parsed, url);
      return { body: parsed, res };
    }, this.policy);
  }

  private request(path: string, query: Record<string, string>): Promise<IncomingResponse> {
    return withRetry(() => this.attempt(path, query), this.policy);
  }

  /** One try: waits for the pacer, sends, and turns a non-2xx answer into a typed error. */
  private async attempt(path: string, query: Record<string, string>): Promise<IncomingResponse> {
    const url = new URL(`${this.baseUrl}/${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    await this.pacer.beforeRequest();
    let res: IncomingResponse;
    try {
      res = await sendRequest({
        method: "GET",
        url,
        headers: { authorization: `Bearer ${this.token}`, accept: "application/json" },
        timeoutMs: this.timeoutMs,
        agent: this.agent,
      });
    } catch (error) {
      this.pacer.complete();
      throw error;
    }
    this.pacer.complete(readRateLimitHeaders(res.headers));
    if (res.status >= 200 && res.status < 300) return res;
    const shown = `${this.baseUrl}/${path}`;
    const text = await readBodyText(res).catch(() => "");
    const error = statusError(res, text, shown);
    if (res.status === 429) this.pacer.blockFor(error.retryAfterMs ?? 1000);
    if (res.status === 401 || res.status === 403) {
      throw new VpUnauthorizedError(`Visual Practice refused the token (${res.status})`, res.status, res.headers, error.bodyText, undefined);
    }
    if (res.status === 400) {
      throw new VpBadRequestError(`Visual Practice rejected the request to ${shown}: ${error.bodyText}`, 400, res.headers, error.bodyText, undefined);
    }
    throw error;
  }

  /** Frees pooled sockets; call when the client is no longer needed. */
  close(): void {
    this.agent.destroy();
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
