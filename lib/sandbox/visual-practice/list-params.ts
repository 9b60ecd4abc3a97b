import type { Collection } from "../generator/config";
import { ACTIVITY_TYPES } from "../generator/records-activities";
import type { ActivityType, ListFilter } from "./listing";

export const MAX_PER_PAGE = 200;
export const DEFAULT_PER_PAGE = 50;

export type ListParams = { ok: true; page: number; perPage: number; filter: ListFilter } | { ok: false; message: string };

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function positiveInt(raw: string | null, name: string, fallback: number): number | string {
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) return `${name} must be a positive integer, got "${raw}"`;
  const n = Number(raw);
  if (n < 1) return `${name} must be at least 1`;
  return n;
}

/** Parses list parameters per the contract; anything malformed is a 400 invalid_parameter. */
export function parseListParams(collection: Collection, query: URLSearchParams): ListParams {
  const page = positiveInt(query.get("page"), "page", 1);
  if (typeof page === "string") return { ok: false, message: page };
  const perPage = positiveInt(query.get("per_page"), "per_page", DEFAULT_PER_PAGE);
  if (typeof perPage === "string") return { ok: false, message: perPage };
  if (perPage > MAX_PER_PAGE) return { ok: false, message: `per_page must be at most ${MAX_PER_PAGE}` };
  if (!Number.isSafeInteger(page)) return { ok: false, message: "page is too large" };
  const filter: ListFilter = { includeDeleted: false };
  const since = query.get("updated_since");
  if (since !== null) {
    // A time without an offset is read as UTC, never as the server's local time.
    const zoned = /T[^Z+-]*$/.test(since) && !/[+-]\d{2}:?\d{2}$/.test(since) ? `${since}Z` : since;
    const ms = Date.parse(zoned);
    if (!ISO.test(since) || Number.isNaN(ms)) return { ok: false, message: `updated_since must be an ISO-8601 timestamp, got "${since}"` };
    filter.sinceMs = ms;
  }
  const deleted = query.get("include_deleted");
  if (deleted !== null) {
    if (deleted !== "true" && deleted !== "false") return { ok: false, message: `include_deleted must be true or false, got "${deleted}"` };
    filter.includeDeleted = deleted === "true";
  }
  const type = query.get("type");
  if (collection === "activities" && type !== null) {
    if (!(ACTIVITY_TYPES as readonly string[]).includes(type)) {
      return { ok: false, message: `type must be one of ${ACTIVITY_TYPES.join(", ")}, got "${type}"` };
    }
    filter.type = type as ActivityType;
  }
  return { ok: true, page, perPage, filter };
}
