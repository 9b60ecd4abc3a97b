/**
 * Per-value checks used by type inference and anomaly detection. Each check answers one
 * question about one value; the profiler aggregates the answers, so none of these keep state.
 */

/**
 * Freshsales text limits the inventory checks against. Freshsales does not publish them for
 * the API; these are the usual limits of its "Text field" (single line) and "Text area".
 */
export const TEXT_LIMIT = 255;
export const PARAGRAPH_LIMIT = 65_535;

/** Dates outside this year range are reported as invalid (typos such as 0202 or 2202). */
export const MIN_PLAUSIBLE_YEAR = 1900;
export const MAX_PLAUSIBLE_YEAR = 2100;

const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** NUL and other C0 controls except tab, newline and carriage return. */
export function hasControlChars(s: string): boolean {
  return CONTROL_CHARS.test(s);
}

const CHECKBOX_WORDS = new Set(["true", "false", "yes", "no", "y", "n"]);

export function isCheckboxValue(v: unknown): boolean {
  if (typeof v === "boolean") return true;
  return typeof v === "string" && CHECKBOX_WORDS.has(v.trim().toLowerCase());
}

// A leading zero ("02134", "007") marks an identifier or postal code: converting it to a
// number would lose the zero, so such strings do not count as numbers.
const NUMERIC_STRING = /^[+-]?(?:0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)(?:\.\d+)?$/;

export function isNumberValue(v: unknown): boolean {
  if (typeof v === "number") return Number.isFinite(v);
  return typeof v === "string" && NUMERIC_STRING.test(v.trim());
}

const EMAIL =
  /^(?!\.)(?!.*\.\.)[^\s@"(),:;<>[\]\\]+(?<!\.)@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}$/u;

export function isEmail(v: unknown): boolean {
  return typeof v === "string" && v.length <= 254 && EMAIL.test(v.trim());
}

const PHONE_CHARS = /^\+?[\d\s().\-/]+(?:\s*(?:ext\.?|x|#)\s*\d{1,6})?$/i;

/** 7 to 15 digits (E.164 allows 15) with the usual separators, an optional leading + and extension. */
export function isPhone(v: unknown): boolean {
  if (typeof v !== "string") return false;
  const s = v.trim();
  if (!PHONE_CHARS.test(s)) return false;
  const main = s.replace(/\s*(?:ext\.?|x|#)\s*\d{1,6}$/i, "");
  const digits = main.replace(/\D/g, "").length;
  return digits >= 7 && digits <= 15;
}

const COMMON_TLDS = new Set([
  "com", "org", "net", "edu", "gov", "info", "biz", "io", "co", "app", "dev", "health",
  "clinic", "care", "med", "online", "site", "tech", "ai", "store", "shop", "xyz",
]);
const HOST = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+(\p{L}{2,})(?::\d{1,5})?$/u;

/** http(s) URLs, or bare hosts like "www.acme.com" / "acme.co.uk" (not "john.smith"). */
export function isUrl(v: unknown): boolean {
  if (typeof v !== "string") return false;
  const s = v.trim();
  if (/\s/.test(s) || s.includes("@")) return false;
  if (/^https?:\/\//i.test(s)) {
    try {
      const u = new URL(s);
      return u.hostname.includes(".") || u.hostname === "localhost";
    } catch {
      return false;
    }
  }
  const host = s.split(/[/?#]/, 1)[0] ?? "";
  const m = HOST.exec(host);
  if (!m) return false;
  const tld = (m[1] ?? "").toLowerCase();
  return host.toLowerCase().startsWith("www.") || tld.length === 2 || COMMON_TLDS.has(tld);
}

export interface DateLike {
  kind: "date" | "datetime";
  /** False when the components name no real calendar day or time (2024-02-30, 25:00). */
  valid: boolean;
  year: number;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10,
  nov: 11, dec: 12, january: 1, february: 2, march: 3, april: 4, june: 6, july: 7,
  august: 8, september: 9, october: 10, november: 11, december: 12,
};

function realDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

const ISO_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;
const YMD = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const D_MON_Y = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{4})$/i;
const MON_D_Y = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;

/**
 * Recognises ISO timestamps and common date spellings. A date-shaped value with impossible
 * components still comes back (valid: false) so it can be reported instead of ignored.
 */
export function parseDateLike(v: unknown): DateLike | null {
  if (typeof v !== "string") return null;
  const s = v.trim();
  let m = ISO_DATETIME.exec(s);
  if (m) {
    const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0"].map(Number) as [
      number, number, number, number, number, number,
    ];
    const valid = realDay(y, mo, d) && h < 24 && mi < 60 && se < 61;
    return { kind: "datetime", valid, year: y };
  }
  m = YMD.exec(s);
  if (m) {
    const y = Number(m[1]);
    return { kind: "date", valid: realDay(y, Number(m[2]), Number(m[3])), year: y };
  }
  m = DMY.exec(s);
  if (m) {
    // 03/05/2024 is 3 May or March 5 depending on locale: either reading being real is enough.
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = Number(m[3]);
    return { kind: "date", valid: realDay(y, b, a) || realDay(y, a, b), year: y };
  }
  m = D_MON_Y.exec(s);
  if (m) {
    const mo = MONTHS[(m[2] ?? "").toLowerCase()];
    if (mo === undefined) return null;
    const y = Number(m[3]);
    return { kind: "date", valid: realDay(y, mo, Number(m[1])), year: y };
  }
  m = MON_D_Y.exec(s);
  if (m) {
    const mo = MONTHS[(m[1] ?? "").toLowerCase()];
    if (mo === undefined) return null;
    const y = Number(m[3]);
    return { kind: "date", valid: realDay(y, mo, Number(m[2])), year: y };
  }
  return null;
}

export function isPlausibleYear(year: number): boolean {
  return year >= MIN_PLAUSIBLE_YEAR && year <= MAX_PLAUSIBLE_YEAR;
}

/** Shows control characters as escapes and shortens long values, for examples in reports. */
export function displayValue(s: string, max = 120): string {
  const shown = s.replace(/[\u0000-\u001F\u007F]/g, (c) =>
    c === "\n" ? "\\n" : c === "\t" ? "\\t" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return shown.length <= max ? shown : `${shown.slice(0, max)}… (${s.length} chars)`;
}
