/**
 * Comparing a value the engine meant to write with the value Freshsales answers. The two sides
 * speak slightly different shapes for the same fact (emails go in as strings and come back as
 * objects, an amount goes in as a number and comes back as a decimal string), so equality is
 * judged on a normal form, never on the raw JSON.
 */
import { canonicalJson } from "@/lib/extraction/canonical-hash";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC = /^-?\d+(\.\d+)?$/;

/** The normal form: empty values are null, numbers and dates compare by value, arrays as sets. */
export function normalValue(value: unknown): unknown {
  if (value === undefined || value === null || value === "") return null;
  if (Array.isArray(value)) {
    const items = value.map(normalValue).filter((v) => v !== null);
    if (items.length === 0) return null;
    return items.map((v) => canonicalJson(v)).sort();
  }
  if (typeof value === "string") {
    const s = value.trim();
    if (s === "") return null;
    if (NUMERIC.test(s)) return Number(s);
    if (ISO_DATE.test(s)) {
      const t = Date.parse(/[Zz]|[+-]\d{2}:?\d{2}$/.test(s) || s.length === 10 ? s : `${s}Z`);
      if (!Number.isNaN(t)) return s.length === 10 ? s : new Date(t).toISOString();
    }
    return s;
  }
  if (typeof value === "object") {
    const obj = value as Record<string, unknown>;
    // Freshsales answers {value: "a@b.c", ...} for an email and {id: 1, is_primary: true} for a link.
    if ("value" in obj && typeof obj.value !== "object") return normalValue(obj.value);
    if ("id" in obj && typeof obj.id !== "object") return normalValue(obj.id);
    return canonicalJson(obj);
  }
  return value;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(normalValue(a)) === canonicalJson(normalValue(b));
}

/**
 * Where a written field shows up when the record is read back: some fields are write-only
 * names for a relation the read answers under another key.
 */
const READ_AS: Record<string, string> = {
  sales_accounts: "sales_account_id",
  contacts_added_list: "contact_ids",
};

/** The destination's value for a field the engine wrote, read from the record as Freshsales answers it. */
export function readBack(fields: Record<string, unknown>, field: string, expected?: unknown): unknown {
  const key = READ_AS[field];
  if (field === "sales_accounts" && key) {
    // Only the primary account comes back; compare it with the primary one written.
    return fields[key] === null || fields[key] === undefined ? null : [fields[key]];
  }
  if (key) return fields[key];
  if (field === "emails" && Array.isArray(expected) && expected.length === 1 && Array.isArray(fields.emails)) {
    return (fields.emails as unknown[]).slice(0, 1);
  }
  return fields[field];
}

/** The primary-only comparison for `sales_accounts`: the expectation keeps its primary entry. */
export function expectedForCompare(field: string, value: unknown): unknown {
  if (field === "sales_accounts" && Array.isArray(value)) {
    const primary = value.find((v) => (v as Record<string, unknown>)?.is_primary) ?? value[0];
    return primary === undefined ? null : [primary];
  }
  return value;
}

/** A short, printable form of any value for the diff table and the CSV. */
export function displayValue(value: unknown): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    return value.map((v) => (typeof v === "object" && v !== null ? JSON.stringify(v) : String(v))).join(", ");
  }
  return JSON.stringify(value);
}
