"use client";

import { useQuery } from "@tanstack/react-query";
import { useTable, type SortingState } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef, useState } from "react";
import type { InventoryFieldProfile } from "../types";
import { filterProfiles, NO_FILTERS, type ProfileFilters } from "./filter-profiles";
import { InventoryFiltersBar } from "./inventory-filters";
import { COLUMN_WIDTHS, profileColumns, profileTableFeatures } from "./profile-columns";

/**
 * Every profiled field, sortable and filterable. Sensitive values arrive masked; the toggle
 * fetches them unmasked (an audited read) only when the viewer asks.
 */
export function InventoryTable({ migrationId, profiles }: { migrationId: string; profiles: InventoryFieldProfile[] }) {
  const [filters, setFilters] = useState<ProfileFilters>(NO_FILTERS);
  const [reveal, setReveal] = useState(false);
  const [sorting, setSorting] = useState<SortingState>([]);
  const revealed = useQuery({
    queryKey: ["inventory-revealed", migrationId],
    enabled: reveal,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      const res = await fetch(`/api/migrations/${migrationId}/inventory?reveal=1`, { cache: "no-store" });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as { profiles: InventoryFieldProfile[] };
    },
  });
  const source = reveal && revealed.data ? revealed.data.profiles : profiles;
  const data = useMemo(() => filterProfiles(source, filters), [source, filters]);
  const objects = useMemo(() => [...new Set(profiles.map((p) => p.object))], [profiles]);

  const table = useTable({
    features: profileTableFeatures,
    columns: profileColumns,
    data,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: (p) => `${p.object}:${p.path}`,
  });
  const rows = table.getRowModel().rows;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 88,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  const columnCount = table.getAllLeafColumns().length;

  return (
    <section aria-labelledby="fields-heading" className="space-y-3">
      <h2 id="fields-heading" className="text-lg font-semibold">Fields</h2>
      <InventoryFiltersBar
        filters={filters}
        onChange={setFilters}
        objects={objects}
        reveal={reveal}
        onReveal={setReveal}
        revealing={reveal && revealed.isFetching}
      />
      {revealed.isError && <p role="alert" className="text-sm text-red-700 dark:text-red-400">Could not load the sensitive values.</p>}
      <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
        {data.length} of {profiles.length} fields
      </p>
      <div ref={scrollRef} tabIndex={0} role="region" aria-label="Inventory fields" className="max-h-[70vh] overflow-auto rounded-md border border-zinc-200 dark:border-zinc-800">
        <table className="w-full table-fixed text-left text-sm" data-testid="inventory-table">
          <caption className="sr-only">Profiled fields; column headers sort the table</caption>
          <colgroup>
            {table.getAllLeafColumns().map((c) => (
              <col key={c.id} style={{ width: COLUMN_WIDTHS[c.id] }} />
            ))}
          </colgroup>
          <thead className="sticky top-0 z-10 bg-zinc-50 text-xs text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th key={header.id} scope="col" aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"} className="px-2 py-2 font-medium">
                      {header.column.getCanSort() ? (
                        <button type="button" onClick={header.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 hover:text-zinc-900 dark:hover:text-zinc-100">
                          <table.FlexRender header={header} />
                          <span aria-hidden>{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {padTop > 0 && (
              <tr aria-hidden>
                <td colSpan={columnCount} style={{ height: padTop }} />
              </tr>
            )}
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return (
                <tr key={row.id} data-index={item.index} ref={virtualizer.measureElement} className="border-t border-zinc-100 align-top dark:border-zinc-800">
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id} className="px-2 py-2 break-words">
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              );
            })}
            {padBottom > 0 && (
              <tr aria-hidden>
                <td colSpan={columnCount} style={{ height: padBottom }} />
              </tr>
            )}
          </tbody>
        </table>
        {data.length === 0 && <p className="p-4 text-sm">No field matches these filters.</p>}
      </div>
    </section>
  );
}
