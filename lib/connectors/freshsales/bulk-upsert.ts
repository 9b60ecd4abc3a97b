import { jobFinished, jobOf, jobStatusWord, readVerdicts, type Identifier } from "./bulk-results";
import type { FreshsalesConnection } from "./connection";
import { FreshsalesNotFoundError, FreshsalesValidationError } from "./errors";
import { asObject, FS_ENTITIES, toId, toWireFields, type FsEntity, type FsFields } from "./wire";
import { classifyFailure, MalformedResponseError, NetworkError } from "../http/http-errors";

export const BULK_UPSERT_MAX = 100;

/**
 * What an account was found to accept, by API base: §2.10 leaves the item shape (`{<key>, data}`
 * or `{unique_identifier, <singular>}`) and the request cap ("100?") open. Learned from a
 * whole-request 400 saying so, then used for every later request to that account.
 */
const accepted = new Map<string, { shape?: "unique_identifier"; max?: number }>();

export interface BulkUpsertItem {
  /** One key: `cf_vp_id`, `emails`/`email` (contacts), `name` (accounts) or `id`. */
  identifier: Identifier;
  fields: FsFields;
}

export interface BulkUpsertResult {
  /** Position in the caller's item list. */
  index: number;
  identifier: Identifier;
  /**
   * `success` always carries the record's id. `unknown`: the job ended without a usable verdict
   * for the item (not listed, no id, an unreadable answer); the record may or may not be there,
   * so the caller looks it up (`findBySourceIds`) instead of counting it failed.
   */
  status: "success" | "failed" | "unknown";
  action: "created" | "updated" | undefined;
  /** The record's id; on a `failed` item, the id the job named all the same (Freshsales may hold it). */
  id: number | undefined;
  errors: string[];
}

export interface BulkUpsertOptions {
  pollIntervalMs?: number;
  /** Give up polling one job after this long (real ms). */
  jobTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The job to poll, relative to the base so a proxy base keeps working: the path after `/api/`
 * of `job_status_url` (any host), or `job_statuses/<id>` from a bare job id.
 */
function jobPathOf(body: unknown): string | undefined {
  const obj = asObject(body);
  const job = asObject(obj?.job_status);
  const url = [obj?.job_status_url, obj?.job_url, obj?.status_url, job?.url].find((u): u is string => typeof u === "string" && u.length > 0);
  if (url) {
    const path = /\/api\/([^?#]+)/.exec(url)?.[1] ?? /((?:job_statuses|bulk_jobs|jobs)\/[^/?#]+)/.exec(url)?.[1];
    if (path) return path.replace(/\/+$/, "");
  }
  const id = toId(obj?.job_id ?? job?.id);
  return id === undefined ? undefined : `job_statuses/${id}`;
}

/**
 * Bulk upsert in chunks of 100, each an async job polled to the end. Every input item gets
 * exactly one result: the job's own verdict for it, or `unknown` when the job did not give one.
 */
export async function bulkUpsert(
  conn: FreshsalesConnection,
  entity: FsEntity,
  items: readonly BulkUpsertItem[],
  options: BulkUpsertOptions = {},
): Promise<BulkUpsertResult[]> {
  const results: BulkUpsertResult[] = [];
  const size = () => Math.min(BULK_UPSERT_MAX, accepted.get(conn.baseUrl)?.max ?? BULK_UPSERT_MAX);
  for (let start = 0; start < items.length; ) {
    const chunk = items.slice(start, start + size());
    results.push(...(await sendChunk(conn, entity, chunk, start, options)));
    start += chunk.length;
  }
  return results;
}

/**
 * One request, adapting once to what the account says it accepts: a 400 naming
 * `unique_identifier` resends in that shape; one stating a smaller cap ("at most 50") resends
 * in pieces that size. Any other 400 (or a second one) is the caller's.
 */
async function sendChunk(conn: FreshsalesConnection, entity: FsEntity, chunk: readonly BulkUpsertItem[], offset: number, options: BulkUpsertOptions): Promise<BulkUpsertResult[]> {
  const known = accepted.get(conn.baseUrl) ?? {};
  try {
    return await runChunk(conn, entity, chunk, offset, options, known.shape);
  } catch (error) {
    if (!(error instanceof FreshsalesValidationError)) throw error;
    const text = error.messages.join(" ") || error.message;
    const cap = Number(/(?:at most|maximum(?: of)?|max(?:imum)?|up to|limit(?: of| is)?)\s+(\d+)/i.exec(text)?.[1] ?? Number.NaN);
    if (Number.isInteger(cap) && cap > 0 && cap < chunk.length) {
      accepted.set(conn.baseUrl, { ...known, max: cap });
      const out: BulkUpsertResult[] = [];
      for (let i = 0; i < chunk.length; i += cap) out.push(...(await sendChunk(conn, entity, chunk.slice(i, i + cap), offset + i, options)));
      return out;
    }
    if (known.shape === undefined && /unique_identifier/i.test(text)) {
      accepted.set(conn.baseUrl, { ...known, shape: "unique_identifier" });
      return runChunk(conn, entity, chunk, offset, options, "unique_identifier");
    }
    throw error;
  }
}

async function runChunk(
  conn: FreshsalesConnection,
  entity: FsEntity,
  chunk: readonly BulkUpsertItem[],
  offset: number,
  options: BulkUpsertOptions,
  shape?: "unique_identifier",
): Promise<BulkUpsertResult[]> {
  const plural = FS_ENTITIES[entity].plural;
  const identifiers = chunk.map((item) => item.identifier);
  const payload = chunk.map((item) =>
    shape === "unique_identifier" ? { unique_identifier: item.identifier, [entity]: toWireFields(item.fields) } : { ...item.identifier, data: toWireFields(item.fields) },
  );
  let body: unknown;
  try {
    ({ body } = await conn.request("POST", `${plural}/bulk_upsert`, { json: { [plural]: payload }, idempotent: true }));
  } catch (error) {
    if (error instanceof MalformedResponseError) return results(chunk, offset, undefined, `the bulk upsert's answer was unreadable (${error.message})`);
    // A 5xx, timeout or reset once the request went out (retries spent): the job may have run.
    if (mayHaveRun(error)) return results(chunk, offset, undefined, `the bulk upsert got no answer (${error instanceof Error ? error.message : String(error)})`);
    throw error;
  }
  const path = jobPathOf(body);
  // No job to poll: results in the answer itself are read as a finished job; else nothing is known.
  if (!path) return results(chunk, offset, jobOf(body), "the bulk upsert answered without a job to poll");

  const sleep = options.sleep ?? defaultSleep;
  const deadline = Date.now() + (options.jobTimeoutMs ?? 15 * 60_000);
  let job: Record<string, unknown> | undefined;
  for (;;) {
    try {
      job = jobOf((await conn.request("GET", path)).body);
    } catch (error) {
      if (error instanceof FreshsalesNotFoundError) return results(chunk, offset, undefined, `bulk job ${path} is gone (404)`);
      if (error instanceof MalformedResponseError) return results(chunk, offset, undefined, `bulk job ${path} answered unreadably (${error.message})`);
      if (mayHaveRun(error)) return results(chunk, offset, job, `bulk job ${path} could not be read (${error instanceof Error ? error.message : String(error)})`);
      throw error;
    }
    if (jobFinished(job, identifiers)) break;
    // A job still running may yet write every item: their outcome is unknown, not failed, and
    // the caller looks them up (a later repeat of the upsert is keyed by cf_vp_id, so harmless).
    if (Date.now() > deadline) return results(chunk, offset, job, `bulk job ${path} did not finish in time (last status ${jobStatusWord(job) || "unknown"})`);
    await sleep(options.pollIntervalMs ?? 1000);
  }
  const said = typeof job?.message === "string" && job.message ? `: ${job.message}` : "";
  return results(chunk, offset, job, `not reported by the bulk job (job status ${jobStatusWord(job) || "unknown"}${said})`);
}

/** A transport failure after which the job may exist: a 5xx, a timeout or a reset once sent. */
function mayHaveRun(error: unknown): boolean {
  if (error instanceof NetworkError && !error.requestSent) return false;
  return classifyFailure(error) === "transient";
}

function results(chunk: readonly BulkUpsertItem[], offset: number, job: Record<string, unknown> | undefined, unreported: string): BulkUpsertResult[] {
  const verdicts = readVerdicts(job, chunk.map((item) => item.identifier));
  return chunk.map((item, i): BulkUpsertResult => {
    const v = verdicts[i]!;
    return { index: offset + i, identifier: item.identifier, status: v.status, action: v.action, id: v.status === "unknown" ? undefined : v.id, errors: v.status === "unknown" && v.errors.length === 0 ? [unreported] : v.errors };
  });
}
