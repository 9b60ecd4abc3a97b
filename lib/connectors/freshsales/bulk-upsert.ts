import type { FreshsalesConnection } from "./connection";
import { asObject, FS_ENTITIES, toId, toWireFields, type FsEntity, type FsFields } from "./wire";
import { MalformedResponseError } from "../http/http-errors";

export const BULK_UPSERT_MAX = 100;

export interface BulkUpsertItem {
  /** One key: `cf_vp_id`, `emails`/`email` (contacts), `name` (accounts) or `id`. */
  identifier: Record<string, string | number>;
  fields: FsFields;
}

export interface BulkUpsertResult {
  /** Position in the caller's item list. */
  index: number;
  identifier: Record<string, string | number>;
  status: "success" | "failed";
  action: "created" | "updated" | undefined;
  id: number | undefined;
  errors: string[];
}

export interface BulkUpsertOptions {
  pollIntervalMs?: number;
  /** Give up polling one job after this long (real ms). */
  jobTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export class BulkJobTimeoutError extends Error {
  override name = "BulkJobTimeoutError";
  constructor(readonly jobPath: string, readonly lastStatus: string | undefined) {
    super(`bulk job ${jobPath} did not finish in time (last status ${lastStatus ?? "unknown"})`);
  }
}

const FINISHED = new Set(["completed", "completed_with_errors", "failed", "success", "error"]);
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `…/crm/sales/api/job_statuses/42` (any host) → `job_statuses/42`, so a proxy base keeps working. */
function jobPath(jobStatusUrl: string): string {
  const match = /job_statuses\/([^/?#]+)/.exec(jobStatusUrl);
  if (!match?.[1]) throw new MalformedResponseError("bulk_upsert", `unexpected job_status_url ${jobStatusUrl}`);
  return `job_statuses/${match[1]}`;
}

/**
 * Bulk upsert in chunks of 100, each an async job polled to the end. Every input item gets
 * exactly one result: the job's own per-record verdict, or `failed` with the job's reason
 * when the job failed as a whole or left the record out.
 */
export async function bulkUpsert(
  conn: FreshsalesConnection,
  entity: FsEntity,
  items: readonly BulkUpsertItem[],
  options: BulkUpsertOptions = {},
): Promise<BulkUpsertResult[]> {
  const results: BulkUpsertResult[] = [];
  for (let start = 0; start < items.length; start += BULK_UPSERT_MAX) {
    results.push(...(await runChunk(conn, entity, items.slice(start, start + BULK_UPSERT_MAX), start, options)));
  }
  return results;
}

async function runChunk(
  conn: FreshsalesConnection,
  entity: FsEntity,
  chunk: readonly BulkUpsertItem[],
  offset: number,
  options: BulkUpsertOptions,
): Promise<BulkUpsertResult[]> {
  const plural = FS_ENTITIES[entity].plural;
  const payload = chunk.map((item) => ({ ...item.identifier, data: toWireFields(item.fields) }));
  const { body } = await conn.request("POST", `${plural}/bulk_upsert`, { json: { [plural]: payload }, idempotent: true });
  const url = asObject(body)?.job_status_url;
  if (typeof url !== "string") throw new MalformedResponseError(`POST ${plural}/bulk_upsert`, "no job_status_url");
  const path = jobPath(url);

  const sleep = options.sleep ?? defaultSleep;
  const deadline = Date.now() + (options.jobTimeoutMs ?? 15 * 60_000);
  let job: Record<string, unknown> | undefined;
  for (;;) {
    const res = await conn.request("GET", path);
    const outer = asObject(res.body);
    job = asObject(outer?.job_status) ?? outer;
    const status = typeof job?.status === "string" ? job.status : undefined;
    if (status && FINISHED.has(status)) break;
    if (Date.now() > deadline) throw new BulkJobTimeoutError(path, status);
    await sleep(options.pollIntervalMs ?? 1000);
  }
  return matchResults(chunk, offset, job);
}

function matchResults(chunk: readonly BulkUpsertItem[], offset: number, job: Record<string, unknown> | undefined): BulkUpsertResult[] {
  const data = asObject(job?.data);
  const records = Array.isArray(data?.records) ? data.records : Array.isArray(job?.records) ? job.records : [];
  const byIndex = new Map<number, Record<string, unknown>>();
  const byIdentifier = new Map<string, Record<string, unknown>>();
  for (const raw of records) {
    const r = asObject(raw);
    if (!r) continue;
    if (typeof r.index === "number") byIndex.set(r.index, r);
    const ident = asObject(r.identifier);
    if (ident) for (const [k, v] of Object.entries(ident)) byIdentifier.set(`${k}=${String(v)}`, r);
  }
  const jobStatus = typeof job?.status === "string" ? job.status : "unknown";
  return chunk.map((item, i): BulkUpsertResult => {
    const key = Object.entries(item.identifier).map(([k, v]) => `${k}=${String(v)}`)[0] ?? "";
    const r = byIndex.get(i) ?? byIdentifier.get(key);
    if (!r) {
      return { index: offset + i, identifier: item.identifier, status: "failed", action: undefined, id: undefined, errors: [`not reported by the bulk job (job status ${jobStatus})`] };
    }
    const errors = (Array.isArray(r.errors) ? r.errors : typeof r.errors === "string" ? [r.errors] : []).map((e) =>
      typeof e === "string" ? e : String(asObject(e)?.message ?? JSON.stringify(e)),
    );
    const ok = (r.status === "success" || r.status === "ok") && errors.length === 0;
    const action = r.action === "created" || r.action === "updated" ? r.action : undefined;
    return { index: offset + i, identifier: item.identifier, status: ok ? "success" : "failed", action, id: toId(r.id), errors };
  });
}
