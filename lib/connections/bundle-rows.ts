import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import type { VpCollection } from "@/lib/connectors/visual-practice/records";
import { BundleError } from "./bundle-errors";
import type { BundleFormat } from "./bundle-layout";

export interface BundleRow {
  record: Record<string, unknown>;
  /** Line of the file the record ends on (1-based; line 1 of a CSV is its header). */
  line: number;
}

/** Columns whose CSV cells hold JSON text: nested objects and arrays of the API contract. */
const JSON_COLUMNS = new Set(["address", "billing_address", "custom_properties", "stages", "contact_ids", "line_items", "attendees", "trigger", "conditions", "actions"]);
const BOOLEAN_COLUMNS = new Set(["active", "is_default"]);
const INTEGER_COLUMNS = new Set(["employee_count", "duration_minutes", "size_bytes"]);

/** The columns a collection cannot do without; the rest are kept as they come. */
function requiredColumns(collection: VpCollection): string[] {
  return collection === "custom-properties" ? ["object", "key"] : ["id"];
}

/** Streams one collection file as records, throwing `BundleError` with the file and line on the first broken row. */
export function readRows(stream: Readable, format: BundleFormat, file: string, collection: VpCollection): AsyncGenerator<BundleRow> {
  return format === "csv" ? readCsv(stream, file, collection) : readJsonLines(stream, file);
}

async function* readCsv(stream: Readable, file: string, collection: VpCollection): AsyncGenerator<BundleRow> {
  const parser = parse({
    bom: true,
    info: true,
    skip_empty_lines: true,
    columns: (header: string[]) => checkHeader(header, file, collection),
  });
  stream.on("error", (e) => parser.destroy(e));
  stream.pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield { record: typeCells(item.record, file, item.info.lines), line: item.info.lines };
    }
  } catch (error) {
    throw asBundleError(error, file, "csv");
  } finally {
    stream.unpipe(parser);
    stream.destroy();
  }
}

function checkHeader(header: string[], file: string, collection: VpCollection): string[] {
  const names = header.map((h) => h.trim());
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (name === "") throw new BundleError(`column ${i + 1} of the header row has no name`, file, 1);
    if (seen.has(name)) throw new BundleError(`the header row names column "${name}" twice`, file, 1);
    seen.add(name);
  });
  const missing = requiredColumns(collection).filter((c) => !seen.has(c));
  if (missing.length) throw new BundleError(`the header row has no ${missing.map((c) => `"${c}"`).join(" or ")} column`, file, 1);
  return names;
}

/** CSV cells are text: empty means null, JSON columns are parsed, flags and counts typed. */
function typeCells(row: Record<string, string>, file: string, line: number): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(row)) {
    if (cell === "") record[column] = null;
    else if (JSON_COLUMNS.has(column)) {
      try {
        record[column] = JSON.parse(cell);
      } catch {
        throw new BundleError(`column "${column}" is not valid JSON text`, file, line);
      }
    } else if (BOOLEAN_COLUMNS.has(column) && /^(true|false)$/i.test(cell.trim())) record[column] = cell.trim().toLowerCase() === "true";
    // Anything else malformed stays text: extraction reports it per record instead of refusing the file.
    else if (INTEGER_COLUMNS.has(column) && /^-?\d+$/.test(cell.trim())) record[column] = Number(cell.trim());
    else record[column] = cell;
  }
  return record;
}

async function* readJsonLines(stream: Readable, file: string): AsyncGenerator<BundleRow> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const raw of lines) {
      line += 1;
      const text = line === 1 ? raw.replace(/^\uFEFF/, "") : raw;
      if (text.trim() === "") continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new BundleError("not valid JSON", file, line);
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new BundleError("each line must be one JSON object", file, line);
      }
      yield { record: value as Record<string, unknown>, line };
    }
  } catch (error) {
    throw asBundleError(error, file, "jsonl");
  } finally {
    lines.close();
    stream.destroy();
  }
}

/** csv-parse errors carry the line; anything else while streaming means the zip entry itself is damaged. */
function asBundleError(error: unknown, file: string, format: BundleFormat): BundleError {
  if (error instanceof BundleError) return error;
  const line = (error as { lines?: unknown }).lines;
  if (format === "csv" && error instanceof CsvError) {
    const message = error.message.replace(/^Invalid Record Length: /, "").replace(/,? (at|on) line \d+\.?$/, "");
    return new BundleError(`broken CSV: ${message}`, file, typeof line === "number" ? line : undefined);
  }
  return new BundleError("could not be read from the zip (the archive is damaged)", file);
}
