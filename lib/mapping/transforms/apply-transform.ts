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

export type CompiledTransform = (value: unknown, ctx: TransformContext) => TransformResult;

/** Validates the spec once and returns the function to run per value (the hot path of a run). */
export function compileTransform(specInput: TransformSpecInput): CompiledTransform {
  const spec = transformSpecSchema.parse(specInput);
  switch (spec.kind) {
    case "none":
      return (value) => ok(value ?? null);
    case "text":
      return (value, ctx) => toText(value, spec.maxLength, ctx);
    case "date":
      return (value, ctx) => toDate(value, spec, ctx);
    case "datetime":
      return (value, ctx) => toDateTime(value, spec, ctx);
    case "phone": {
      const options = { normalise: spec.normalise, ...(spec.defaultCallingCode ? { defaultCallingCode: spec.defaultCallingCode } : {}) };
      return (value, ctx) => toPhone(value, options, ctx);
    }
    case "amount":
      return (value, ctx) => toAmount(value, spec.maxDecimals, ctx);
    case "currency":
      return (value, ctx) => toCurrency(value, spec.allowed, ctx);
    case "dropdown":
      return (value, ctx) => toDropdown(value, spec, ctx);
    case "multiselect":
      return (value, ctx) => toMultiselect(value, spec, ctx);
    case "boolean":
      return (value, ctx) => toBoolean(value, ctx);
    case "number":
      return (value, ctx) => toNumber(value, ctx);
  }
}

export function applyTransform(specInput: TransformSpecInput, value: unknown, ctx: TransformContext): TransformResult {
  return compileTransform(specInput)(value, ctx);
}
