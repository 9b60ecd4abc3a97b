/**
 * Walks a source record into (path, value) leaves: nested objects become dotted paths
 * ("address.city"), arrays of objects become "line_items[].sku" (one leaf per element), and
 * each custom property is a leaf of its own, whatever its shape, because the value itself is
 * what the inventory must type.
 */

const MAX_DEPTH = 6;
export const CUSTOM_PREFIX = "custom_properties.";

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function flattenRecord(
  record: Record<string, unknown>,
  emit: (path: string, value: unknown) => void,
): void {
  const walk = (value: unknown, path: string, depth: number): void => {
    if (depth < MAX_DEPTH && isPlainObject(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`, depth + 1);
      return;
    }
    if (depth < MAX_DEPTH && Array.isArray(value) && value.length > 0 && value.every(isPlainObject)) {
      for (const el of value) walk(el, `${path}[]`, depth + 1);
      return;
    }
    emit(path, value);
  };
  for (const [k, v] of Object.entries(record)) {
    if (k === "custom_properties" && isPlainObject(v)) {
      for (const [ck, cv] of Object.entries(v)) emit(`${CUSTOM_PREFIX}${ck}`, cv);
    } else {
      walk(v, k, 1);
    }
  }
}

/** Last segment of a path: "address.city" -> "city", "line_items[].sku" -> "sku". */
export function keyOfPath(path: string): string {
  if (path.startsWith(CUSTOM_PREFIX)) return path.slice(CUSTOM_PREFIX.length);
  const last = path.split(".").pop() ?? path;
  return last.replace(/\[\]$/, "");
}

/** "billing_address.postal_code" -> "Billing address postal code". */
export function readableLabel(path: string): string {
  const words = path
    .replace(/\[\]/g, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .split(/[._\-\s]+/)
    .filter(Boolean)
    .join(" ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
