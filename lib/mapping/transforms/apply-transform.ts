/** Runs one confirmed transform spec on one source value. */
import { type TransformSpecInput, transformSpecSchema } from "../schemas";
import { toAmount, toCurrency, toNumber } from "./amount";
import { toBoolean } from "./boolean";
import { toDate, toDateTime } from "./date-time";
import { toDropdown, toMultiselect } from "./dropdown";
import { toPhone } from "./phone";
import type { TransformContext, TransformResult } from "./result";
import { ok } from "./result";
import { toText } from "./text";

export function applyTransform(specInput: TransformSpecInput, value: unknown, ctx: TransformContext): TransformResult {
  const spec = transformSpecSchema.parse(specInput);
  switch (spec.kind) {
    case "none":
      return ok(value ?? null);
    case "text":
      return toText(value, spec.maxLength, ctx);
    case "date":
      return toDate(value, spec, ctx);
    case "datetime":
      return toDateTime(value, spec, ctx);
    case "phone":
      return toPhone(value, { normalise: spec.normalise, defaultCallingCode: spec.defaultCallingCode }, ctx);
    case "amount":
      return toAmount(value, spec.maxDecimals, ctx);
    case "currency":
      return toCurrency(value, spec.allowed, ctx);
    case "dropdown":
      return toDropdown(value, spec, ctx);
    case "multiselect":
      return toMultiselect(value, spec, ctx);
    case "boolean":
      return toBoolean(value, ctx);
    case "number":
      return toNumber(value, ctx);
  }
}
