import { badRequest } from "./api-error";
import type { Store } from "./store";
import type { FieldDef } from "./types";

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

export function isValidDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Parses an ISO datetime with Z or an offset; returns epoch ms or undefined. */
export function parseDateTime(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  if (!DATETIME_RE.test(value)) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

export function isEmail(value: string): boolean {
  return EMAIL_RE.test(value);
}

function toNumber(field: FieldDef, value: unknown): number {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw badRequest(`${field.name} must be a number`);
  return n;
}

function toInteger(name: string, value: unknown): number {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n)) throw badRequest(`${name} must be an integer id`);
  return n;
}

/**
 * Checks one value against its field metadata and returns it normalised (datetimes as epoch
 * ms, numbers as numbers). null/"" clear the field. Relations ("special") are left to the
 * record writer, which knows the entity.
 */
export function checkValue(store: Store, field: FieldDef, value: unknown): unknown {
  if (isEmpty(value)) return null;
  const ref = field.ref;
  if (ref === "special") return value;
  if (ref === "owner") {
    const id = toInteger(field.name, value);
    const user = store.user(id);
    if (!user) throw badRequest(`${field.name}: user ${id} does not exist`);
    if (!user.is_active) throw badRequest(`${field.name}: user ${id} is not active`);
    return id;
  }
  if (ref) {
    const id = toInteger(field.name, value);
    if (!store.selectors[ref].some((x) => x.id === id)) {
      throw badRequest(`${field.name}: ${id} is not a valid ${ref} id`);
    }
    return id;
  }
  switch (field.type) {
    case "number":
      return toNumber(field, value);
    case "date":
      if (typeof value !== "string" || !isValidDate(value)) {
        throw badRequest(`${field.name} must be a date in YYYY-MM-DD format`);
      }
      return value;
    case "datetime": {
      const t = parseDateTime(value);
      if (t === undefined) throw badRequest(`${field.name} must be an ISO 8601 datetime`);
      return t;
    }
    case "checkbox":
      if (typeof value === "boolean") return value;
      if (value === "true" || value === "false") return value === "true";
      throw badRequest(`${field.name} must be true or false`);
    case "email":
      if (typeof value !== "string" || !isEmail(value)) throw badRequest(`${field.name} must be a valid email address`);
      return value;
    case "dropdown":
      // A system dropdown without a selector or choices (time_zone) takes its value as text.
      if (field.system && field.choices.length === 0 && typeof value === "string") return value;
      if (typeof value !== "string" || !field.choices.some((c) => c.value === value)) {
        throw badRequest(`${field.name}: ${JSON.stringify(value)} is not one of the field's choices`);
      }
      return value;
    case "multi_select_dropdown": {
      if (typeof value !== "string") throw badRequest(`${field.name} must be a ;-separated string of choices`);
      const parts = value.split(";").map((s) => s.trim()).filter(Boolean);
      const bad = parts.find((p) => !field.choices.some((c) => c.value === p));
      if (bad !== undefined) throw badRequest(`${field.name}: ${JSON.stringify(bad)} is not one of the field's choices`);
      return parts.join(";");
    }
    default:
      if (typeof value === "string") return value;
      if (typeof value === "number" && field.type !== "url") return String(value);
      throw badRequest(`${field.name} must be a string`);
  }
}

/** The wire form of a stored value (datetimes back to UTC ISO `Z`, without milliseconds). */
export function outputValue(field: FieldDef | undefined, value: unknown): unknown {
  if (value === undefined) return null;
  if (field?.type === "datetime" && typeof value === "number") return isoZ(value);
  return value;
}

export function isoZ(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
