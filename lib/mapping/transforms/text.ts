/** Text, truncation and control characters: a cut is always flagged with its record and field. */
import { type TransformContext, type TransformResult, isEmpty, ok, warn } from "./result";

/** Freshsales' limits are not documented; these are the conservative defaults the preflight checks. */
export const DEFAULT_TEXT_LIMIT = 255;
export const DEFAULT_PARAGRAPH_LIMIT = 65_535;

// NUL and other C0 controls break JSON bodies downstream; tabs and newlines are kept.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function truncate(value: string, maxLength: number, ctx: TransformContext): TransformResult<string> {
  // UTF-16 length never undercounts characters, so a short string needs no splitting.
  if (value.length <= maxLength) return ok(value);
  const chars = Array.from(value);
  if (chars.length <= maxLength) return ok(value);
  const cut = chars.slice(0, maxLength).join("");
  return ok(cut, [
    warn(ctx, "truncated", `truncated from ${chars.length} to ${maxLength} characters to fit the destination`),
  ]);
}

export function toText(value: unknown, maxLength: number, ctx: TransformContext): TransformResult<string | null> {
  if (isEmpty(value)) return ok(null);
  const raw = Array.isArray(value) ? value.map(String).join(";") : typeof value === "object" ? JSON.stringify(value) : String(value);
  const warnings = [];
  const clean = raw.replace(CONTROL_CHARS, "");
  if (clean !== raw) warnings.push(warn(ctx, "control_chars_removed", `removed ${raw.length - clean.length} control characters`));
  const cut = truncate(clean, maxLength, ctx);
  return cut.ok ? ok(cut.value, [...warnings, ...cut.warnings]) : cut;
}
