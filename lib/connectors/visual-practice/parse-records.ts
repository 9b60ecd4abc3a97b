import type { z } from "zod";
import { VP_RECORD_SCHEMAS, type VpCollection, type VpRecordOf, type VpRecordProblem } from "./records";

/** Text longer than this is flagged: it will not fit most destination fields as is. */
export const LONG_TEXT_CHARS = 65_535;

// C0 controls other than tab, LF and CR, plus DEL. NUL is removed (Postgres text cannot hold it).
const CONTROL_CHARS = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export interface ParsedRecords<C extends VpCollection> {
  records: VpRecordOf<C>[];
  problems: VpRecordProblem[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "string") return value.length > 40 ? `"${value.slice(0, 40)}…"` : JSON.stringify(value);
  return typeof value === "object" ? "object" : String(value);
}

function getAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** Removes the value at `path`; array elements are spliced out so the rest stays typed. */
function removeAt(root: Json, path: readonly PropertyKey[]): void {
  const parent = getAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (key === undefined) return;
  if (Array.isArray(parent) && typeof key === "number") parent.splice(key, 1);
  else if (parent !== null && typeof parent === "object") delete (parent as Record<PropertyKey, unknown>)[key];
}

// Anything scanText must look at more closely: NUL or another control character.
const SUSPECT_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function join(parent: string, key: string | number): string {
  return parent ? `${parent}.${key}` : String(key);
}

/** `parent` and `key` name the string; they are joined only when there is something to report. */
function scanString(node: string, parent: string, key: string | number | null, report: Report): string {
  // Most text is short and clean: one test and it is done.
  if (node.length <= LONG_TEXT_CHARS && !SUSPECT_CHARS.test(node)) return node;
  const path = key === null ? parent : join(parent, key);
  let value = node;
  if (value.includes("\u0000")) {
    value = value.replaceAll("\u0000", "");
    report(path, `contained ${node.length - value.length} NUL byte(s), removed`);
  }
  const control = CONTROL_CHARS.exec(value);
  if (control) {
    const code = control[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0");
    report(path, `contains control character U+${code}`);
  }
  if (value.length > LONG_TEXT_CHARS) report(path, `text is ${value.length} characters long`);
  return value;
}

type Report = (field: string, message: string) => void;

/**
 * Walks every string (unknown keys included): strips NUL, flags control characters and huge
 * text. Runs on every value of every record, so it writes back only a string it changed and
 * builds a field path only for a finding.
 */
function scanText(node: unknown, path: string, report: Report): unknown {
  if (typeof node === "string") return scanString(node, path, null, report);
  if (node === null || typeof node !== "object") return node;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const item: unknown = node[i];
      if (typeof item === "string") {
        const next = scanString(item, path, i, report);
        if (next !== item) node[i] = next;
      } else if (item !== null && typeof item === "object") scanText(item, join(path, i), report);
    }
    return node;
  }
  const record = node as Json;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (typeof item === "string") {
      const next = scanString(item, path, key, report);
      if (next !== item) record[key] = next;
    } else if (item !== null && typeof item === "object") scanText(item, join(path, key), report);
  }
  return node;
}

export interface ParseRecordsOptions {
  /**
   * The caller hands `raw` over (it comes straight from `JSON.parse` and nothing else holds
   * it): repairs are made in place instead of on a copy, which saves a deep clone per record.
   */
  owned?: boolean;
}

/**
 * Parses one page of raw records. Never throws: a record without an id is dropped and
 * reported; any other bad field is removed from the record and reported; suspicious text is
 * kept and reported.
 */
export function parseRecords<C extends VpCollection>(collection: C, raw: readonly unknown[], options: ParseRecordsOptions = {}): ParsedRecords<C> {
  const schema = VP_RECORD_SCHEMAS[collection] as unknown as z.ZodType<VpRecordOf<C>>;
  const records: VpRecordOf<C>[] = [];
  const problems: VpRecordProblem[] = [];

  raw.forEach((item, index) => {
    if (!isObject(item)) {
      problems.push({ collection, recordId: null, field: "", message: `item ${index} is ${describe(item)}, not an object`, severity: "error" });
      return;
    }
    const copy = options.owned ? item : structuredClone(item);
    if (collection === "custom-properties" && copy.id === undefined && typeof copy.key === "string") {
      copy.id = `${String(copy.object ?? "")}:${copy.key}`;
    }
    const recordId = typeof copy.id === "string" && copy.id !== "" ? copy.id : typeof copy.id === "number" ? String(copy.id) : null;
    if (recordId === null) {
      problems.push({ collection, recordId: null, field: "id", message: `item ${index} has no id (${describe(copy.id)})`, severity: "error" });
      return;
    }
    // A numeric id is still usable as an opaque id; keep the record, note the deviation.
    if (typeof copy.id === "number") {
      problems.push({ collection, recordId, field: "id", message: "id is a number, expected a string", severity: "warning" });
      copy.id = recordId;
    }
    const report = (field: string, message: string, severity: "error" | "warning" = "warning") =>
      problems.push({ collection, recordId, field, message, severity });
    scanText(copy, "", report);

    let result = schema.safeParse(copy);
    // Each pass removes the offending values; nested removals can expose nothing new, so two
    // passes settle it, and a third falls back to dropping whole top-level fields.
    for (let pass = 0; !result.success && pass < 3; pass++) {
      const issues = [...result.error.issues].sort((a, b) => comparePathsDesc(a.path, b.path));
      for (const issue of issues) {
        const path = pass < 2 ? issue.path : issue.path.slice(0, 1);
        if (path.length === 0 || (path.length === 1 && path[0] === "id")) continue;
        report(path.map(String).join("."), `${issue.message} (got ${describe(getAt(copy, path))}); dropped`, "error");
        removeAt(copy, path);
      }
      result = schema.safeParse(copy);
    }
    if (result.success) records.push(result.data);
    else report("", `record could not be repaired: ${result.error.issues[0]?.message ?? "unknown"}`, "error");
  });
  return { records, problems };
}

/** Later array indexes first, so splicing one does not shift the next. */
function comparePathsDesc(a: readonly PropertyKey[], b: readonly PropertyKey[]): number {
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return y - x;
    return String(x) < String(y) ? -1 : 1;
  }
  return b.length - a.length;
}
