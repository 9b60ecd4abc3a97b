/**
 * Chooses a Freshsales type for a profiled field.
 *
 * Rules, in order:
 * 1. A key that names a type (email, phone, website, date, *_at) wins when at least half of
 *    the values fit it, so a dirty email column stays an email column.
 * 2. Otherwise the first of checkbox, number, date, datetime, email, url, phone, multiselect
 *    that at least 80% of the values fit. Identifier-like keys (id, *_id, sku, zip, code) are
 *    never numbers: converting them would drop leading zeros and invite arithmetic.
 *    Multiselect also needs at most 200 distinct choices.
 * 3. Otherwise a dropdown when the field is a picklist in disguise: at most 50 distinct
 *    values, each value used at least twice on average, at least 90% of values belonging to
 *    a value that repeats, no value longer than 255 characters, and not an identifier.
 * 4. Otherwise paragraph when any value is multi-line or longer than 255 characters, else text.
 */
import type { FieldAccumulator } from "./field-accumulator";
import type { FreshsalesFieldType } from "./types";
import { TEXT_LIMIT } from "./value-checks";

export const TYPE_THRESHOLD = 0.8;
export const HINTED_TYPE_THRESHOLD = 0.5;
export const DROPDOWN_MAX_CHOICES = 50;
export const MULTISELECT_MAX_CHOICES = 200;
const DROPDOWN_REPEAT_SHARE = 0.9;

const PRIORITY: FreshsalesFieldType[] = [
  "checkbox", "number", "date", "datetime", "email", "url", "phone", "multiselect",
];

function words(key: string): string {
  return key
    .replace(/([a-z])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_");
}

/** The type a key's name announces, if any. */
export function typeHintFromKey(key: string): FreshsalesFieldType | undefined {
  const k = `_${words(key)}_`;
  if (/_e_?mail(s|_address)?_/.test(k)) return "email";
  if (/_(phone|mobile|tel|telephone|fax|cell)(_|\d)/.test(k)) return "phone";
  if (/_(url|website|web_?site|homepage|link)_/.test(k)) return "url";
  if (/_(at|timestamp|datetime)_/.test(k)) return "datetime";
  if (/_(date|dob|birthday|on)_/.test(k)) return "date";
  return undefined;
}

export function isIdentifierKey(key: string): boolean {
  const k = `_${words(key)}_`;
  return /_(id|ids|uuid|sku|zip|zipcode|postal_code|postcode|code|number|no)_$/.test(k);
}

export interface InferredType {
  type: FreshsalesFieldType;
  confidence: number;
  dropdownValues?: string[];
}

function dropdownFits(acc: FieldAccumulator, key: string): boolean {
  const c = acc.counter;
  if (c.isCapped || c.distinct === 0 || c.distinct > DROPDOWN_MAX_CHOICES) return false;
  if (isIdentifierKey(key) || acc.maxLength > TEXT_LIMIT) return false;
  if (acc.values < 2 * c.distinct) return false;
  if (acc.consistentCount("dropdown") / acc.values < TYPE_THRESHOLD) return false;
  const repeated = c.entries().reduce((n, e) => n + (e.count >= 2 ? e.count : 0), 0);
  return repeated / acc.values >= DROPDOWN_REPEAT_SHARE;
}

function fits(acc: FieldAccumulator, key: string, t: FreshsalesFieldType, threshold: number): boolean {
  if (t === "number" && isIdentifierKey(key)) return false;
  if (t === "multiselect" && (acc.elements.isCapped || acc.elements.distinct > MULTISELECT_MAX_CHOICES)) {
    return false;
  }
  return acc.consistentCount(t) / acc.values >= threshold;
}

function choose(acc: FieldAccumulator, key: string): FreshsalesFieldType {
  const hint = typeHintFromKey(key);
  if (hint && fits(acc, key, hint, HINTED_TYPE_THRESHOLD)) return hint;
  // A date-named key holding timestamps ("start_date": "2024-03-05T10:00Z") keeps the time.
  if (hint === "date" && fits(acc, key, "datetime", HINTED_TYPE_THRESHOLD)) return "datetime";
  for (const t of PRIORITY) if (fits(acc, key, t, TYPE_THRESHOLD)) return t;
  if (dropdownFits(acc, key)) return "dropdown";
  return acc.multiLine > 0 || acc.maxLength > TEXT_LIMIT ? "paragraph" : "text";
}

export function inferType(acc: FieldAccumulator, key: string): InferredType {
  if (acc.values === 0) return { type: "text", confidence: 0 };
  const type = choose(acc, key);
  const confidence = acc.consistentCount(type) / acc.values;
  if (type === "dropdown") return { type, confidence, dropdownValues: acc.counter.entries().map((e) => e.value) };
  if (type === "multiselect") {
    return { type, confidence, dropdownValues: acc.elements.entries().map((e) => e.value) };
  }
  return { type, confidence };
}
