/**
 * The diff of records with no payload builder of their own (activities, documents): the
 * engine's few derived values (title, body with the source-id marker, dates, file name) are
 * compared with what Freshsales answers.
 */
import { cleanText } from "@/lib/migration/field-values";
import { iso, marker } from "@/lib/migration/batch-context";
import type { DiffRow, Verdict } from "./field-diff";
import { displayValue, sameValue } from "./values";

interface Sides {
  objectType: "activities" | "attachments";
  sourceId: string;
  target: string | null;
  destId: string | null;
  record: Record<string, unknown>;
  destination: Record<string, unknown> | null;
}

function row(s: Sides, field: string, label: string, raw: unknown, expected: unknown, got: unknown, contains = false): DiffRow {
  const matches = contains ? typeof got === "string" && typeof expected === "string" && got.includes(expected) : sameValue(expected, got);
  const verdict: Verdict = !matches ? "mismatch" : sameValue(raw, got) ? "equal" : "transformed";
  return { objectType: s.objectType, sourceId: s.sourceId, target: s.target, destId: s.destId, field, label, sensitive: false, source: displayValue(raw), expected: displayValue(expected), destination: displayValue(got), verdict };
}

export function diffActivity(s: Sides): DiffRow[] {
  const base = { objectType: s.objectType, sourceId: s.sourceId, target: s.target, destId: s.destId, sensitive: false };
  if (!s.destination) return [{ ...base, field: "(record)", label: "Record", source: s.sourceId, expected: s.sourceId, destination: null, verdict: "mismatch", note: "the record is not in Freshsales (deleted there, or never written)" }];
  const r = s.record;
  const d = s.destination;
  if (s.objectType === "attachments") {
    return [row(s, "name", "File name", r.filename, String(r.filename ?? s.sourceId), d.name), row(s, "size", "Size (bytes)", r.size_bytes, r.size_bytes, d.size ?? d.file_size)];
  }
  const body = cleanText(String(r.body ?? ""));
  const subject = cleanText(String(r.subject ?? r.type ?? "Activity"));
  const rows: DiffRow[] = [row(s, "description", "Body", r.body, `${body}\n\n${marker(s.sourceId)}`, d.description)];
  if (s.target === "tasks") {
    rows.push(row(s, "title", "Subject", r.subject, subject, d.title, true));
    rows.push(row(s, "due_date", "Occurred at", r.occurred_at, iso(r.occurred_at), d.due_date));
  } else if (s.target === "appointments") {
    rows.push(row(s, "title", "Subject", r.subject, subject, d.title));
    rows.push(row(s, "from_date", "Starts at", r.start_at ?? r.occurred_at, iso(r.start_at) ?? iso(r.occurred_at), d.from_date));
  }
  return rows;
}
