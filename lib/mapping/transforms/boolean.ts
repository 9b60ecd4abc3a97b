/** Checkbox values: the spellings of yes and no seen in practice-management exports. */
import { type TransformContext, type TransformResult, fail, isEmpty, ok, preview } from "./result";

const TRUE = new Set(["true", "yes", "y", "1", "on", "ja", "oui", "si", "sí", "x", "checked"]);
const FALSE = new Set(["false", "no", "n", "0", "off", "nein", "non", "unchecked"]);

export function toBoolean(value: unknown, ctx: TransformContext): TransformResult<boolean | null> {
  if (isEmpty(value)) return ok(null);
  if (typeof value === "boolean") return ok(value);
  if (typeof value === "number" && (value === 0 || value === 1)) return ok(value === 1);
  const s = String(value).trim().toLowerCase();
  if (TRUE.has(s)) return ok(true);
  if (FALSE.has(s)) return ok(false);
  return fail(ctx, `"${preview(value)}" is not a yes/no value`);
}
