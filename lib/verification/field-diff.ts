/**
 * The field-level diff of one record: per field, the source value, the value the engine meant
 * to write (its own payload, so the expectation is exactly the engine's), the value Freshsales
 * answers, and a verdict. Pure: the caller loads the three sides.
 */
import type { SourceObject } from "@/lib/inventory/types";
import type { FieldMapping } from "@/lib/mapping/schemas";
import { valueAt } from "@/lib/migration/field-values";
import type { Payload } from "@/lib/migration/record-payloads";
import { displayValue, expectedForCompare, readBack, sameValue } from "./values";

export const VERDICTS = ["equal", "transformed", "mismatch", "dropped"] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface DiffRow {
  objectType: string;
  sourceId: string;
  /** Destination entity the ledger recorded (contacts, leads, sales_accounts, tasks...). */
  target: string | null;
  destId: string | null;
  /** Destination field name, or the source path of a field that was not migrated. */
  field: string;
  label: string;
  sensitive: boolean;
  source: string | null;
  expected: string | null;
  destination: string | null;
  verdict: Verdict;
  note?: string;
}

export interface RecordSides {
  objectType: "companies" | "contacts" | "deals";
  sourceId: string;
  target: string | null;
  destId: string | null;
  record: Record<string, unknown>;
  payload: Payload | undefined;
  /** The destination record's fields as read back; null when it is not there. */
  destination: Record<string, unknown> | null;
}

export const OBJECT_OF_TYPE = { companies: "company", contacts: "contact", deals: "deal" } as const satisfies Record<string, SourceObject>;
export const MAPPING_ENTITY = { companies: "sales_accounts", contacts: "contacts", deals: "deals" } as const;

/** Source fields behind the values the engine computes itself (owner, source id, relations, stage). */
const SYSTEM_SOURCE: Record<string, { path: string; label: string }> = {
  owner_id: { path: "owner_id", label: "Owner" },
  cf_vp_id: { path: "id", label: "Visual Practice id" },
  cf_vp_created_at: { path: "created_at", label: "Created at (original)" },
  cf_vp_updated_at: { path: "updated_at", label: "Updated at (original)" },
  sales_accounts: { path: "company_id", label: "Account" },
  sales_account_id: { path: "company_id", label: "Account" },
  parent_sales_account_id: { path: "parent_company_id", label: "Parent account" },
  deal_pipeline_id: { path: "pipeline_id", label: "Pipeline" },
  deal_stage_id: { path: "stage_id", label: "Stage" },
  contacts_added_list: { path: "contact_ids", label: "Contacts" },
  lifecycle_stage_id: { path: "company_id", label: "Lifecycle stage (lead)" },
};

function judge(raw: unknown, expected: unknown, field: string, destination: unknown): Verdict {
  if (!sameValue(expectedForCompare(field, expected), destination)) return "mismatch";
  return sameValue(raw, expected) ? "equal" : "transformed";
}

export function diffRecord(sides: RecordSides, fieldMap: readonly FieldMapping[], sensitivePaths: ReadonlySet<string>): DiffRow[] {
  const object = OBJECT_OF_TYPE[sides.objectType];
  const entity = MAPPING_ENTITY[sides.objectType];
  const base = { objectType: sides.objectType, sourceId: sides.sourceId, target: sides.target, destId: sides.destId };
  const whole = (note: string): DiffRow[] => [
    { ...base, field: "(record)", label: "Record", sensitive: false, source: sides.sourceId, expected: sides.sourceId, destination: null, verdict: "mismatch", note },
  ];
  if (!sides.payload) return whole("the staged source record is missing");
  if (!sides.payload.ok) return whole(`the engine would not write it now: ${sides.payload.reason}`);
  if (!sides.destination) return whole("the record is not in Freshsales (deleted there, or never written)");
  const expected = sides.payload.fields;
  const dest = sides.destination;
  const rows: DiffRow[] = [];
  const covered = new Set<string>();
  for (const m of fieldMap) {
    if (m.source.object !== object || m.entity !== entity || m.source.path.includes("[]")) continue;
    const raw = valueAt(sides.record, m.source.path);
    const sensitive = sensitivePaths.has(`${object}.${m.source.path}`);
    const label = m.source.label || m.source.path;
    if (m.status === "rejected" || m.decision.kind === "do_not_migrate") {
      if (displayValue(raw) === null) continue;
      rows.push({ ...base, field: m.source.path, label, sensitive, source: displayValue(raw), expected: null, destination: null, verdict: "dropped", note: "mapped to do-not-migrate" });
      continue;
    }
    const field = m.decision.kind === "field" ? m.decision.field : m.decision.kind === "create_custom_field" ? m.decision.spec.name : null;
    if (!field) continue;
    covered.add(field);
    const want = expected[field];
    const got = readBack(dest, field, want);
    if (want === undefined) {
      if (displayValue(raw) === null && displayValue(got) === null) continue;
      const verdict: Verdict = displayValue(got) === null ? "dropped" : "mismatch";
      rows.push({ ...base, field, label, sensitive, source: displayValue(raw), expected: null, destination: displayValue(got), verdict, note: verdict === "dropped" ? "left out by the transform (see the record's flags)" : "Freshsales holds a value the engine did not write" });
      continue;
    }
    rows.push({ ...base, field, label, sensitive, source: displayValue(raw), expected: displayValue(want), destination: displayValue(got), verdict: judge(raw, want, field, got) });
  }
  for (const [field, want] of Object.entries(expected)) {
    if (covered.has(field)) continue;
    const system = SYSTEM_SOURCE[field];
    const raw = system ? valueAt(sides.record, system.path) : undefined;
    const got = readBack(dest, field, want);
    rows.push({ ...base, field, label: system?.label ?? field, sensitive: false, source: displayValue(raw), expected: displayValue(want), destination: displayValue(got), verdict: judge(raw, want, field, got) });
  }
  return rows;
}

export interface DiffSummary {
  records: number;
  fields: number;
  byVerdict: Record<Verdict, number>;
  byObject: Record<string, Record<Verdict, number>>;
}

const zero = (): Record<Verdict, number> => ({ equal: 0, transformed: 0, mismatch: 0, dropped: 0 });

export function summarise(rows: readonly DiffRow[]): DiffSummary {
  const byVerdict = zero();
  const byObject: Record<string, Record<Verdict, number>> = {};
  const records = new Set<string>();
  for (const r of rows) {
    byVerdict[r.verdict]++;
    (byObject[r.objectType] ??= zero())[r.verdict]++;
    records.add(`${r.objectType}:${r.sourceId}`);
  }
  return { records: records.size, fields: rows.length, byVerdict, byObject };
}
