/**
 * Dates and timestamps. Freshsales takes `YYYY-MM-DD` for dates and ISO-8601 for timestamps;
 * we always write UTC (`...Z`). A timestamp without an offset is read in the configured zone,
 * and a date taken from a timestamp is the calendar day in that zone, not in UTC.
 */
import { type TransformContext, type TransformResult, type TransformWarning, fail, isEmpty, ok, preview, warn } from "./result";

export interface DateOptions {
  timeZone: string;
  dayOrder: "DMY" | "MDY";
}

interface Parsed {
  /** Set when the input names an instant (it had a time). */
  instantMs?: number;
  /** Set when the input is a calendar date only. */
  date?: { y: number; m: number; d: number };
  warnings: TransformWarning[];
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const LOCAL = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return y >= 1 && y <= 9999 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Offset of a zone from UTC at an instant, in minutes. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function zoneOffsetMinutes(instantMs: number, timeZone: string): number {
  if (timeZone === "UTC") return 0;
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(instantMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? "0");
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / 60_000);
}

function localToInstant(y: number, mo: number, d: number, h: number, mi: number, s: number, timeZone: string): number {
  const naive = Date.UTC(y, mo - 1, d, h, mi, s);
  let guess = naive - zoneOffsetMinutes(naive, timeZone) * 60_000;
  guess = naive - zoneOffsetMinutes(guess, timeZone) * 60_000;
  return guess;
}

function parse(value: unknown, options: DateOptions, ctx: TransformContext): Parsed | string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "invalid date" : { instantMs: value.getTime(), warnings: [] };
  const s = String(value).trim();
  const iso = ISO.exec(s);
  if (iso) {
    const [, y, m, d, h, mi, sec, frac, zone] = iso;
    const [yy, mm, dd] = [Number(y), Number(m), Number(d)];
    if (!validDate(yy, mm, dd)) return `"${preview(s)}" is not a real calendar date`;
    if (h === undefined) return { date: { y: yy, m: mm, d: dd }, warnings: [] };
    const [hh, mn, ss] = [Number(h), Number(mi), Number(sec ?? "0")];
    if (hh > 23 || mn > 59 || ss > 59) return `"${preview(s)}" has an impossible time`;
    const ms = Number((frac ?? "0").padEnd(3, "0").slice(0, 3));
    if (zone) {
      const base = Date.UTC(yy, mm - 1, dd, hh, mn, ss, ms);
      if (zone.toUpperCase() === "Z") return { instantMs: base, warnings: [] };
      const sign = zone.startsWith("-") ? -1 : 1;
      const digits = zone.replace(/[+:-]/g, "");
      const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
      return { instantMs: base - offset * 60_000, warnings: [] };
    }
    return { instantMs: localToInstant(yy, mm, dd, hh, mn, ss, options.timeZone) + ms, warnings: [] };
  }
  const local = LOCAL.exec(s);
  if (local) {
    const [, a, b, y, h, mi, sec] = local;
    const [first, second, yy] = [Number(a), Number(b), Number(y)];
    const [dd, mm] = options.dayOrder === "DMY" ? [first, second] : [second, first];
    const warnings: TransformWarning[] = [];
    if (first <= 12 && second <= 12 && first !== second) {
      warnings.push(warn(ctx, "date_ambiguous", `"${s}" read as ${options.dayOrder === "DMY" ? "day/month" : "month/day"}`));
    }
    if (!validDate(yy, mm, dd)) return `"${preview(s)}" is not a real calendar date`;
    if (h === undefined) return { date: { y: yy, m: mm, d: dd }, warnings };
    const instantMs = localToInstant(yy, mm, dd, Number(h), Number(mi), Number(sec ?? "0"), options.timeZone);
    return { instantMs, warnings };
  }
  return `"${preview(s)}" is not a date`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function rangeWarnings(year: number, ctx: TransformContext): TransformWarning[] {
  return year < 1900 || year > 2100 ? [warn(ctx, "date_out_of_range", `year ${year} is outside 1900-2100; kept, check it`)] : [];
}

export function toDate(value: unknown, options: DateOptions, ctx: TransformContext): TransformResult<string | null> {
  if (isEmpty(value)) return ok(null);
  const p = parse(value, options, ctx);
  if (typeof p === "string") return fail(ctx, p);
  let y: number, m: number, d: number;
  if (p.date) ({ y, m, d } = p.date);
  else {
    const local = new Date((p.instantMs ?? 0) + zoneOffsetMinutes(p.instantMs ?? 0, options.timeZone) * 60_000);
    [y, m, d] = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
    const midnight = local.getUTCHours() === 0 && local.getUTCMinutes() === 0 && local.getUTCSeconds() === 0;
    if (!midnight) p.warnings.push(warn(ctx, "time_dropped", `time of day dropped; date taken in ${options.timeZone}`));
  }
  return ok(`${pad(y, 4)}-${pad(m)}-${pad(d)}`, [...p.warnings, ...rangeWarnings(y, ctx)]);
}

export function toDateTime(value: unknown, options: DateOptions, ctx: TransformContext): TransformResult<string | null> {
  if (isEmpty(value)) return ok(null);
  const p = parse(value, options, ctx);
  if (typeof p === "string") return fail(ctx, p);
  const ms = p.date ? localToInstant(p.date.y, p.date.m, p.date.d, 0, 0, 0, options.timeZone) : (p.instantMs ?? 0);
  const t = new Date(ms);
  if (Number.isNaN(t.getTime())) return fail(ctx, `"${preview(value)}" is outside the representable range`);
  const iso = t.toISOString().replace(/\.000Z$/, "Z");
  return ok(iso, [...p.warnings, ...rangeWarnings(t.getUTCFullYear(), ctx)]);
}
