/** Money and numbers as decimal strings: no float on the way, extra decimals rounded and flagged. */
import { type TransformContext, type TransformResult, fail, isEmpty, ok, preview, warn } from "./result";

/** Reads "1250.5", "1,250.50", "1.250,50", "€ 99", 12.5 into a plain decimal string, or null. */
export function parseDecimal(value: unknown): string | null {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    const s = String(value);
    return /e/i.test(s) ? value.toFixed(12).replace(/\.?0+$/, "") : s;
  }
  if (typeof value !== "string") return null;
  let s = value.trim().replace(/[\s\u00a0'’]/g, "").replace(/^[^\d+-]+|[^\d]+$/g, "");
  if (s.startsWith("+")) s = s.slice(1);
  const lastDot = s.lastIndexOf(".");
  const lastComma = s.lastIndexOf(",");
  if (lastDot >= 0 && lastComma >= 0) {
    const decimalSep = lastDot > lastComma ? "." : ",";
    const thousandSep = decimalSep === "." ? "," : ".";
    s = s.split(thousandSep).join("").replace(decimalSep, ".");
  } else if (lastComma >= 0) {
    s = /^-?\d{1,3}(,\d{3})+$/.test(s) ? s.replace(/,/g, "") : s.replace(",", ".");
  } else if (/^-?\d{1,3}(\.\d{3}){2,}$/.test(s)) {
    s = s.replace(/\./g, "");
  }
  return /^-?\d+(\.\d+)?$/.test(s) ? s : null;
}

/** Rounds half away from zero using integer arithmetic on the digits. */
export function roundDecimal(decimal: string, places: number): string {
  const negative = decimal.startsWith("-");
  const [whole = "0", frac = ""] = decimal.replace("-", "").split(".");
  if (frac.length <= places) return decimal;
  const scaled = BigInt(whole + frac.slice(0, places));
  const next = Number(frac[places] ?? "0");
  const rounded = (next >= 5 ? scaled + 1n : scaled).toString().padStart(places + 1, "0");
  const intPart = rounded.slice(0, rounded.length - places) || "0";
  const fracPart = places > 0 ? `.${rounded.slice(rounded.length - places)}` : "";
  const out = `${intPart}${fracPart}`;
  return negative && /[1-9]/.test(out) ? `-${out}` : out;
}

export function toAmount(value: unknown, maxDecimals: number, ctx: TransformContext): TransformResult<string | null> {
  if (isEmpty(value)) return ok(null);
  const parsed = parseDecimal(value);
  if (parsed === null) return fail(ctx, `"${preview(value)}" is not an amount`);
  const frac = parsed.split(".")[1] ?? "";
  if (frac.length <= maxDecimals) return ok(parsed);
  const rounded = roundDecimal(parsed, maxDecimals);
  return ok(rounded, [warn(ctx, "rounded", `${parsed} has ${frac.length} decimals; rounded to ${rounded}`)]);
}

export function toNumber(value: unknown, ctx: TransformContext): TransformResult<number | null> {
  if (isEmpty(value)) return ok(null);
  const parsed = parseDecimal(value);
  if (parsed === null) return fail(ctx, `"${preview(value)}" is not a number`);
  const n = Number(parsed);
  if (!Number.isSafeInteger(Math.trunc(n))) return fail(ctx, `${parsed} is too large for a number field`);
  return ok(n);
}

export function toCurrency(value: unknown, allowed: string[] | undefined, ctx: TransformContext): TransformResult<string | null> {
  if (isEmpty(value)) return ok(null);
  const code = String(value).trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) return fail(ctx, `"${preview(value)}" is not an ISO 4217 currency code`);
  if (allowed && !allowed.map((c) => c.toUpperCase()).includes(code)) {
    return fail(ctx, `currency ${code} is not enabled in Freshsales (enabled: ${allowed.join(", ")})`);
  }
  return ok(code);
}
