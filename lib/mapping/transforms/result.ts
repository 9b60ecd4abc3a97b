/** Shared result shape of every value transform: a value with warnings, or an error naming the field. */

export interface TransformContext {
  /** Destination field (or source path) named in warnings and errors. */
  field: string;
  /** Source record id, so a flagged value can be found again. */
  recordId?: string;
}

export type WarningCode =
  | "truncated"
  | "rounded"
  | "phone_kept"
  | "date_ambiguous"
  | "date_out_of_range"
  | "time_dropped"
  | "value_unmapped"
  | "closest_choice"
  | "control_chars_removed";

export interface TransformWarning {
  code: WarningCode;
  field: string;
  recordId?: string;
  message: string;
}

export type TransformResult<T = unknown> =
  | { ok: true; value: T; warnings: TransformWarning[] }
  | { ok: false; error: string; warnings: TransformWarning[] };

export function ok<T>(value: T, warnings: TransformWarning[] = []): TransformResult<T> {
  return { ok: true, value, warnings };
}

export function fail<T>(ctx: TransformContext, message: string): TransformResult<T> {
  const where = ctx.recordId ? ` (record ${ctx.recordId})` : "";
  return { ok: false, error: `${ctx.field}${where}: ${message}`, warnings: [] };
}

export function warn(ctx: TransformContext, code: WarningCode, message: string): TransformWarning {
  return { code, field: ctx.field, ...(ctx.recordId ? { recordId: ctx.recordId } : {}), message };
}

/** Empty strings and nulls both mean "no value": the destination field is left empty. */
export function isEmpty(value: unknown): value is null | undefined | "" {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

export function preview(value: unknown): string {
  const s = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
