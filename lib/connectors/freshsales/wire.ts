/**
 * The project's Freshsales record shape and its translation to and from the wire. Callers
 * speak flat field maps keyed by the field `name` from the field metadata (`first_name`,
 * `cf_vp_id`); only this module knows that custom fields travel inside `custom_field` and
 * that bodies are wrapped in a singular root key.
 */
export const FS_ENTITIES = {
  contact: { plural: "contacts", targetable: "Contact" },
  sales_account: { plural: "sales_accounts", targetable: "SalesAccount" },
  deal: { plural: "deals", targetable: "Deal" },
} as const;
export type FsEntity = keyof typeof FS_ENTITIES;
export type FsTargetableType = "Contact" | "SalesAccount" | "Deal" | "Product";

export type FsFieldValue = string | number | boolean | null | readonly (string | number)[] | Record<string, unknown> | readonly Record<string, unknown>[];
export type FsFields = Record<string, FsFieldValue>;

export interface FsRecord {
  id: number;
  /** Standard and custom fields side by side, custom ones under their `cf_` names. */
  fields: Record<string, unknown>;
  createdAt: string | undefined;
  updatedAt: string | undefined;
}

export function isCustomFieldName(name: string): boolean {
  return name.startsWith("cf_");
}

/** Flat fields to the wire body (without the root key). */
export function toWireFields(fields: FsFields): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (isCustomFieldName(name)) custom[name] = value;
    else body[name] = value;
  }
  if (Object.keys(custom).length > 0) body.custom_field = custom;
  return body;
}

export function toId(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

export function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A wire record to the project's shape; undefined when it has no usable id. */
export function fromWireRecord(raw: unknown): FsRecord | undefined {
  const obj = asObject(raw);
  const id = toId(obj?.id);
  if (!obj || id === undefined) return undefined;
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (key === "custom_field" || key === "custom_fields") Object.assign(fields, asObject(value) ?? {});
    else fields[key] = value;
  }
  return {
    id,
    fields,
    createdAt: typeof obj.created_at === "string" ? obj.created_at : undefined,
    updatedAt: typeof obj.updated_at === "string" ? obj.updated_at : undefined,
  };
}

/**
 * The record under a singular root (`{"contact":{...}}`), or the body itself when unwrapped;
 * sideloads beside the root (`"users": [...]`) are ignored, in whatever order they come.
 */
export function unwrapRecord(body: unknown, root: string): FsRecord | undefined {
  const obj = asObject(body);
  return (obj && root in obj ? fromWireRecord(obj[root]) : undefined) ?? fromWireRecord(body);
}

/** A list under its plural key, tolerating a bare array. */
export function unwrapList(body: unknown, key: string): unknown[] {
  if (Array.isArray(body)) return body;
  const value = asObject(body)?.[key];
  return Array.isArray(value) ? value : [];
}
