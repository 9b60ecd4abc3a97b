import type { IncomingHttpHeaders } from "node:http";

/** What a response said about the caller's rate budget; every figure may be absent. */
export interface RateLimitHeaders {
  limit?: number;
  remaining?: number;
  /** Real seconds until the window resets. */
  resetSeconds?: number;
}

function headerNumber(headers: IncomingHttpHeaders, name: string): number | undefined {
  const raw = headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

export function readRateLimitHeaders(headers: IncomingHttpHeaders): RateLimitHeaders {
  return {
    limit: headerNumber(headers, "x-ratelimit-limit"),
    remaining: headerNumber(headers, "x-ratelimit-remaining"),
    resetSeconds: headerNumber(headers, "x-ratelimit-reset"),
  };
}

/** `Retry-After` as real milliseconds: delta-seconds or an HTTP date. */
export function readRetryAfterMs(headers: IncomingHttpHeaders, now = Date.now()): number | undefined {
  const raw = headers["retry-after"];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
