import crypto from "node:crypto";

/**
 * JSON with object keys sorted at every level: equal records give equal text. It runs once per
 * extracted record (it is also the text staged as `data`), so the usual case copies the value
 * with its keys inserted in sorted order and lets the native `JSON.stringify` write it, which is
 * several times faster than assembling the text piece by piece. Values a sorted plain object
 * cannot hold the same way fall back to the piecewise writer, so the text never depends on
 * which path wrote it.
 */
export function canonicalJson(value: unknown): string {
  const sorted = sortedCopy(value);
  if (sorted !== UNSORTABLE) return JSON.stringify(sorted) ?? "null";
  return piecewiseCanonicalJson(value);
}

const UNSORTABLE = Symbol("unsortable");

// Keys JavaScript always orders first (array-index-like) or treats specially (`__proto__`).
const INDEX_LIKE = /^(?:0|[1-9]\d*)$/;

/**
 * A copy whose objects list their keys in sorted order, or UNSORTABLE when a plain copy would
 * not serialise exactly as the piecewise writer does: index-like keys (always enumerated
 * first), `__proto__`, objects that are not plain (Date and the like), functions and symbols.
 */
function sortedCopy(value: unknown): unknown {
  if (value === null) return null;
  const type = typeof value;
  if (type === "function" || type === "symbol") return UNSORTABLE;
  if (type !== "object") return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = sortedCopy(value[i]);
      if (item === UNSORTABLE) return UNSORTABLE;
      out[i] = item;
    }
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return UNSORTABLE;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (key === "__proto__" || INDEX_LIKE.test(key)) return UNSORTABLE;
    const item = record[key];
    if (item === undefined) continue;
    const copy = sortedCopy(item);
    if (copy === UNSORTABLE) return UNSORTABLE;
    out[key] = copy;
  }
  return out;
}

/** The reference writer: plain loops over sorted keys; the fast path must match it exactly. */
export function piecewiseCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ",";
      const item: unknown = value[i];
      out += item === undefined ? "null" : piecewiseCanonicalJson(item);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = "{";
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    if (!first) out += ",";
    first = false;
    out += `${JSON.stringify(key)}:${piecewiseCanonicalJson(item)}`;
  }
  return `${out}}`;
}

// One-shot hashing (Node 20.12+) skips a Hash object per record; older Node falls back.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "hex") => string }).hash;

export function sha256Hex(text: string): string {
  return oneShot ? oneShot("sha256", text, "hex") : crypto.createHash("sha256").update(text).digest("hex");
}

/** sha256 (hex) of the record's canonical JSON: how a changed record is recognised. */
export function recordHash(record: unknown): string {
  return sha256Hex(canonicalJson(record));
}
