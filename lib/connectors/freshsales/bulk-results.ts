/**
 * Reading a bulk upsert job's answer. §2.10 leaves the job status enum and the per-record
 * output unconfirmed, so everything here accepts each shape a Freshsales implementation could
 * reasonably give (README.md lists them): an item with no verdict is "unknown", never failed.
 */
import { messagesOf } from "./errors";
import { asObject, toId } from "./wire";

export type Identifier = Record<string, string | number>;

export type BulkVerdict =
  | { status: "success"; action: "created" | "updated" | undefined; id: number; errors: string[] }
  | { status: "failed"; action: undefined; id: number | undefined; errors: string[] }
  | { status: "unknown"; action: undefined; id: undefined; errors: string[] };

const FINISHED = new Set(["completed", "completed_with_errors", "failed", "success", "partial", "error", "failure", "done"]);
const ITEM_OK = new Set(["success", "succeeded", "successful", "ok", "created", "updated", "done", "completed"]);
// "skipped" is left out on purpose: it may mean "nothing to change", i.e. the record is there.
const ITEM_FAILED = new Set(["failed", "failure", "error", "errored", "invalid", "rejected"]);
/** Lists of per-item results; a list named for failures or successes says the verdict of its items. */
const LISTS: Record<string, "success" | "failed" | undefined> = {
  records: undefined, results: undefined, items: undefined, data: undefined, rows: undefined,
  failed: "failed", failures: "failed", failed_records: "failed", errors: "failed", error_records: "failed",
  succeeded: "success", successful: "success", success_records: "success", created: "success", updated: "success",
};

const word = (value: unknown): string => (typeof value === "string" ? value.trim().toLowerCase().replace(/[\s-]+/g, "_") : "");

/** The job object, wrapped (`{job_status: {...}}`) or bare. */
export function jobOf(body: unknown): Record<string, unknown> | undefined {
  const outer = asObject(body);
  return asObject(outer?.job_status) ?? outer;
}

export function jobStatusWord(job: Record<string, unknown> | undefined): string {
  return word(job?.status ?? job?.state);
}

function progressOf(job: Record<string, unknown> | undefined): number | undefined {
  const raw = job?.progress ?? job?.percentage;
  const n = typeof raw === "number" ? raw : typeof raw === "string" ? Number.parseFloat(raw) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** Whether the job is over: a finishing status word (any case), progress 100, or a verdict for every item. */
export function jobFinished(job: Record<string, unknown> | undefined, identifiers: readonly Identifier[]): boolean {
  if (FINISHED.has(jobStatusWord(job))) return true;
  if ((progressOf(job) ?? 0) >= 100) return true;
  return identifiers.length > 0 && readVerdicts(job, identifiers).every((v) => v.status !== "unknown");
}

/** Every per-item result in the job, with the verdict its list's name implies. */
function resultItems(job: Record<string, unknown> | undefined): { item: Record<string, unknown>; implied: "success" | "failed" | undefined }[] {
  const out: { item: Record<string, unknown>; implied: "success" | "failed" | undefined }[] = [];
  const seen = new Set<unknown[]>();
  const take = (list: unknown, implied: "success" | "failed" | undefined) => {
    if (!Array.isArray(list) || seen.has(list)) return;
    seen.add(list);
    for (const raw of list) {
      const item = asObject(raw);
      if (item) out.push({ item, implied });
    }
  };
  const containers = [job, asObject(job?.data), asObject(job?.result), asObject(job?.results)];
  for (const container of containers) for (const [key, implied] of Object.entries(LISTS)) take(container?.[key], implied);
  return out;
}

/** The values a result item shows for identifier key `key`, wherever it put them. */
function valuesFor(item: Record<string, unknown>, key: string): string[] {
  const places = [item, asObject(item.identifier), asObject(item.unique_identifier), asObject(item.data), asObject(item.record)];
  const keys = key === "emails" || key === "email" ? ["emails", "email"] : [key];
  const out: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === "string" || typeof v === "number") out.push(key === "emails" || key === "email" ? String(v).toLowerCase() : String(v));
    else if (Array.isArray(v)) v.forEach(add);
    else if (asObject(v) && "value" in (v as object)) add((v as { value: unknown }).value);
  };
  for (const place of places) {
    if (!place) continue;
    // A result's own `id` is the destination id: it names the item only when the item was sent by `id`.
    if (!(key === "id" && place === item)) for (const k of keys) add(place[k]);
    for (const k of keys) add(asObject(place.custom_field)?.[k]);
  }
  if (key === "id") add(item.id);
  return out;
}

function sentValue(key: string, value: string | number): string {
  return key === "emails" || key === "email" ? String(value).toLowerCase() : String(value);
}

function verdictOf(item: Record<string, unknown>, implied: "success" | "failed" | undefined): BulkVerdict {
  const status = word(item.status ?? item.state ?? item.result);
  const record = asObject(item.record);
  const id = toId(item.id ?? item.record_id ?? record?.id ?? asObject(item.data)?.id);
  const failedWord = ITEM_FAILED.has(status) || item.success === false || (status === "" && implied === "failed");
  const okWord = ITEM_OK.has(status) || item.success === true || (status === "" && implied === "success");
  const errors = messagesOf(item.errors ?? item.error ?? (failedWord ? item.message : undefined));
  if (failedWord || (!okWord && status === "" && errors.length > 0)) {
    return { status: "failed", action: undefined, id, errors: errors.length > 0 ? errors : [`rejected by Freshsales (item status ${status || "failed"})`] };
  }
  if ((okWord || status === "") && id !== undefined) {
    const action = word(item.action) || status;
    return { status: "success", action: action === "created" || action === "updated" ? action : item.created === true ? "created" : undefined, id, errors: [] };
  }
  const why = okWord ? `reported ${status || "success"} without a record id` : status ? `reported with an unrecognised status ${status}` : "reported without a verdict";
  return { status: "unknown", action: undefined, id: undefined, errors: [why] };
}

const rank = (v: BulkVerdict) => (v.status === "success" ? 2 : v.status === "failed" ? 1 : 0);

/**
 * One verdict per sent item, in the order sent. Results may come in any order; an item is
 * matched by the identifier it was sent with (in `identifier`, `unique_identifier`, at top
 * level, inside `custom_field`, `data` or `record`), else by `index` (0-based, or 1-based when
 * the indexes say so). A success with an id outranks any other report of the same item: the
 * record is then in Freshsales, whatever else was said.
 */
export function readVerdicts(job: Record<string, unknown> | undefined, identifiers: readonly Identifier[]): BulkVerdict[] {
  const items = resultItems(job);
  const keys = [...new Set(identifiers.flatMap((i) => Object.keys(i)))];
  const byValue = new Map<string, number[]>();
  identifiers.forEach((ident, i) => {
    for (const [k, v] of Object.entries(ident)) {
      const key = `${k}=${sentValue(k, v)}`;
      byValue.set(key, [...(byValue.get(key) ?? []), i]);
    }
  });
  const indexes = items.map(({ item }) => toId(item.index));
  const oneBased = indexes.includes(identifiers.length) && !indexes.includes(0);
  const verdicts: (BulkVerdict | undefined)[] = identifiers.map(() => undefined);
  items.forEach(({ item, implied }, n) => {
    const matched = new Set<number>();
    for (const k of keys) for (const v of valuesFor(item, k)) for (const i of byValue.get(`${k}=${v}`) ?? []) matched.add(i);
    const index = indexes[n];
    if (matched.size === 0 && index !== undefined) {
      const position = oneBased ? index - 1 : index;
      if (position >= 0 && position < identifiers.length) matched.add(position);
    }
    const verdict = verdictOf(item, implied);
    for (const i of matched) {
      const before = verdicts[i];
      if (!before || rank(verdict) > rank(before)) verdicts[i] = verdict;
    }
  });
  return verdicts.map((v) => v ?? { status: "unknown", action: undefined, id: undefined, errors: [] });
}
