"use client";

import { inputClass } from "@/components/ui/field";
import type { Verdict } from "@/lib/verification/field-diff";
import { VERDICT_LABEL } from "./diff-table";

export interface FilterState {
  mismatchesOnly: boolean;
  verdict: Verdict | "";
  object: string;
  field: string;
  reveal: boolean;
}

export const NO_FILTER: FilterState = { mismatchesOnly: false, verdict: "", object: "", field: "", reveal: false };

export function filterQuery(f: FilterState, page = 1): string {
  const q = new URLSearchParams();
  if (f.mismatchesOnly) q.set("mismatches", "1");
  if (f.verdict) q.set("verdict", f.verdict);
  if (f.object) q.set("object", f.object);
  if (f.field) q.set("field", f.field);
  if (f.reveal) q.set("reveal", "1");
  if (page > 1) q.set("page", String(page));
  return q.toString();
}

/** Filters of a diff: mismatches only, by verdict, object and field, and the reveal toggle for admins. */
export function DiffFilters({
  value,
  onChange,
  objects,
  fields,
  canReveal,
  onReveal,
}: {
  value: FilterState;
  onChange: (next: FilterState) => void;
  objects: string[];
  fields: string[];
  canReveal: boolean;
  onReveal: (reveal: boolean) => void;
}) {
  return (
    <fieldset className="flex flex-wrap items-end gap-4">
      <legend className="sr-only">Filter the diff</legend>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={value.mismatchesOnly} onChange={(e) => onChange({ ...value, mismatchesOnly: e.target.checked })} data-testid="filter-mismatches" />
        Mismatches only
      </label>
      <div>
        <label htmlFor="diff-verdict" className="block text-xs font-medium">Verdict</label>
        <select id="diff-verdict" className={inputClass} value={value.verdict} onChange={(e) => onChange({ ...value, verdict: e.target.value as Verdict | "" })}>
          <option value="">All</option>
          {(Object.keys(VERDICT_LABEL) as Verdict[]).map((v) => (
            <option key={v} value={v}>{VERDICT_LABEL[v]}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="diff-object" className="block text-xs font-medium">Object</label>
        <select id="diff-object" className={inputClass} value={value.object} onChange={(e) => onChange({ ...value, object: e.target.value, field: "" })} data-testid="filter-object">
          <option value="">All objects</option>
          {objects.map((o) => (
            <option key={o} value={o}>{o}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="diff-field" className="block text-xs font-medium">Field</label>
        <select id="diff-field" className={inputClass} value={value.field} onChange={(e) => onChange({ ...value, field: e.target.value })}>
          <option value="">All fields</option>
          {fields.map((f) => (
            <option key={f} value={f}>{f}</option>
          ))}
        </select>
      </div>
      {canReveal && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={value.reveal} onChange={(e) => onReveal(e.target.checked)} data-testid="reveal-sensitive" />
          Show health data (recorded in the audit log)
        </label>
      )}
    </fieldset>
  );
}
