/**
 * Phone numbers. Normalisation is optional (off by default: the destination keeps what the
 * practice typed). When on, a number becomes E.164 only when that is unambiguous; anything
 * else is kept as written and flagged, never dropped.
 */
import { type TransformContext, type TransformResult, isEmpty, ok, warn } from "./result";
import { toText } from "./text";

export interface PhoneOptions {
  normalise: boolean;
  /** Calling code for national numbers ("1", "44", "49"); without it only +/00 numbers normalise. */
  defaultCallingCode?: string;
}

function e164(value: string, defaultCallingCode: string | undefined): string | null {
  if (/(ext|x|#|;)\s*\d+\s*$/i.test(value)) return null;
  if (/[a-z]/i.test(value)) return null;
  // "+44 (0)20..." marks the trunk zero dialled only nationally; it is not part of E.164.
  const trimmed = value.trim().replace(/\(0\)/g, "");
  const digits = trimmed.replace(/\D/g, "");
  let full: string;
  if (trimmed.startsWith("+")) full = digits;
  else if (digits.startsWith("00")) full = digits.slice(2);
  else if (!defaultCallingCode) return null;
  else if (defaultCallingCode === "1" && digits.length === 11 && digits.startsWith("1")) full = digits;
  else if (defaultCallingCode === "1" && digits.length === 10) full = `1${digits}`;
  else if (defaultCallingCode !== "1" && digits.startsWith("0") && !digits.startsWith("00")) full = defaultCallingCode + digits.slice(1);
  else return null;
  return full.length >= 8 && full.length <= 15 && !full.startsWith("0") ? `+${full}` : null;
}

export function toPhone(value: unknown, options: PhoneOptions, ctx: TransformContext): TransformResult<string | null> {
  if (isEmpty(value)) return ok(null);
  const text = toText(value, 255, ctx);
  if (!text.ok || text.value === null) return text;
  if (!options.normalise) return text;
  const normalised = e164(text.value, options.defaultCallingCode);
  if (normalised) return ok(normalised, text.warnings);
  return ok(text.value, [
    ...text.warnings,
    warn(ctx, "phone_kept", `"${text.value}" could not be made E.164 with confidence; kept as written`),
  ]);
}
