"use client";

import { useId } from "react";
import { inputClass } from "@/components/ui/field";
import { FRESHSALES_FIELD_TYPES } from "../types";
import type { ProfileFilters } from "./filter-profiles";

const selectClass = "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

export function InventoryFiltersBar({
  filters,
  onChange,
  objects,
  reveal,
  onReveal,
  revealing,
}: {
  filters: ProfileFilters;
  onChange: (f: ProfileFilters) => void;
  objects: string[];
  reveal: boolean;
  onReveal: (v: boolean) => void;
  revealing: boolean;
}) {
  const id = useId();
  const set = (patch: Partial<ProfileFilters>) => onChange({ ...filters, ...patch });
  return (
    <div role="group" aria-label="Filter fields" className="flex flex-wrap items-end gap-4">
      <div className="min-w-48 flex-1">
        <label htmlFor={`${id}-search`} className="block text-sm font-medium">Search</label>
        <input id={`${id}-search`} type="search" value={filters.search} onChange={(e) => set({ search: e.target.value })} placeholder="Field name or path" className={inputClass} />
      </div>
      <div>
        <label htmlFor={`${id}-object`} className="block text-sm font-medium">Object</label>
        <select id={`${id}-object`} value={filters.object} onChange={(e) => set({ object: e.target.value })} className={selectClass}>
          <option value="">All</option>
          {objects.map((o) => (
            <option key={o} value={o}>{o}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-type`} className="block text-sm font-medium">Freshsales type</label>
        <select id={`${id}-type`} value={filters.type} onChange={(e) => set({ type: e.target.value as ProfileFilters["type"] })} className={selectClass}>
          <option value="">All</option>
          {FRESHSALES_FIELD_TYPES.map((t) => (
            <option key={t} value={t}>{t}</option>
          ))}
        </select>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={filters.sensitiveOnly} onChange={(e) => set({ sensitiveOnly: e.target.checked })} />
        Sensitive only
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={filters.anomaliesOnly} onChange={(e) => set({ anomaliesOnly: e.target.checked })} />
        With anomalies
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={reveal} onChange={(e) => onReveal(e.target.checked)} aria-describedby={`${id}-reveal-hint`} />
        Show sensitive values{revealing ? " (loading…)" : ""}
      </label>
      <p id={`${id}-reveal-hint`} className="sr-only">Health data is masked by default; showing it is recorded in the audit log.</p>
    </div>
  );
}
