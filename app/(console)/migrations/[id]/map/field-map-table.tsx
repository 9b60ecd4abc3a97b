"use client";

import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { forwardRef, useImperativeHandle, useRef } from "react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { FieldMapping } from "@/lib/mapping/schemas";
import { bandOf, targetText } from "@/lib/mapping/review/field-table-model";

const features = tableFeatures({});
const col = createColumnHelper<typeof features, FieldMapping>();

const STATUS_TONE = { proposed: "warning", accepted: "success", edited: "info", rejected: "neutral" } as const;
const BAND_TONE = { high: "success", medium: "warning", low: "danger" } as const;

const columns = col.columns([
  col.accessor((m) => `${m.source.object}.${m.source.path}`, {
    id: "source",
    header: "Visual Practice field",
    cell: (c) => {
      const m = c.row.original;
      return (
        <span className="min-w-0">
          <span className="block truncate font-mono text-xs">{c.getValue()}</span>
          <span className="block truncate text-xs text-zinc-600 dark:text-zinc-400">
            {m.source.label}
            {m.sensitive && <Badge tone="danger" className="ml-1">sensitive</Badge>}
          </span>
        </span>
      );
    },
  }),
  col.accessor((m) => targetText(m), { id: "target", header: "Freshsales target", cell: (c) => <span className="block truncate text-xs">{c.getValue()}</span> }),
  col.accessor("confidence", {
    header: "Confidence",
    cell: (c) => <Badge tone={BAND_TONE[bandOf(c.getValue())]}>{Math.round(c.getValue() * 100)}%</Badge>,
  }),
  col.accessor("status", { header: "Status", cell: (c) => <Badge tone={STATUS_TONE[c.getValue()]}>{c.getValue()}</Badge> }),
  col.accessor("reason", { header: "Why", cell: (c) => <span className="block truncate text-xs text-zinc-600 dark:text-zinc-400" title={c.getValue()}>{c.getValue()}</span> }),
]);

const GRID = "grid grid-cols-[minmax(0,2.2fr)_minmax(0,2fr)_6rem_6rem_minmax(0,3fr)] items-center gap-3 px-3";
const ROW_HEIGHT = 48;

export interface FieldMapTableHandle {
  focus(): void;
}

/**
 * Hundreds of rows stay smooth: only the rows in view are rendered. Keyboard: arrows move,
 * Home/End and Page keys jump, Enter opens the row's editor, Escape closes it.
 */
export const FieldMapTable = forwardRef<FieldMapTableHandle, {
  rows: FieldMapping[];
  active: number;
  onActive: (index: number) => void;
  onOpen: (index: number) => void;
  onClose: () => void;
}>(function FieldMapTable({ rows, active, onActive, onOpen, onClose }, ref) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const table = useTable({ features, columns, data: rows, getRowId: (m) => m.id });
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  useImperativeHandle(ref, () => ({ focus: () => scrollRef.current?.focus() }), []);
  const modelRows = table.getRowModel().rows;

  const move = (to: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, to));
    onActive(next);
    virtualizer.scrollToIndex(next, { align: "auto" });
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + 10),
      PageUp: () => move(active - 10),
      Home: () => move(0),
      End: () => move(rows.length - 1),
      Enter: () => rows.length > 0 && onOpen(active),
      Escape: onClose,
    };
    const act = keys[e.key];
    if (act) {
      e.preventDefault();
      act();
    }
  };

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label="Field mappings"
      aria-rowcount={rows.length + 1}
      aria-activedescendant={rows[active] ? `mapping-row-${active}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      className="relative h-[30rem] overflow-auto rounded-md border border-zinc-200 focus:outline-2 focus:outline-accent-500 dark:border-zinc-800"
      data-testid="field-map-grid"
    >
      <div role="rowgroup" className="sticky top-0 z-10">
        <div role="row" aria-rowindex={1} className={cn(GRID, "border-b border-zinc-200 bg-zinc-50 py-2 text-xs font-semibold uppercase text-zinc-600 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-400")}>
          {table.getHeaderGroups()[0]?.headers.map((h) => (
            <span role="columnheader" key={h.id}>
              <table.FlexRender header={h} />
            </span>
          ))}
        </div>
      </div>
      <div role="rowgroup" style={{ height: virtualizer.getTotalSize() }} className="relative w-full">
        {virtualizer.getVirtualItems().map((item) => {
          const row = modelRows[item.index];
          if (!row) return null;
          return (
            <div
              key={row.id}
              id={`mapping-row-${item.index}`}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={item.index === active}
              data-mapping-id={row.id}
              onClick={() => {
                onActive(item.index);
                onOpen(item.index);
              }}
              className={cn(GRID, "absolute left-0 w-full cursor-pointer border-b border-zinc-100 text-sm dark:border-zinc-800/60", item.index === active ? "bg-accent-100/60 dark:bg-accent-700/20" : "hover:bg-zinc-50 dark:hover:bg-zinc-800/40")}
              style={{ top: item.start, height: ROW_HEIGHT }}
            >
              {row.getAllCells().map((cell) => (
                <span role="gridcell" key={cell.id} className="min-w-0">
                  <table.FlexRender cell={cell} />
                </span>
              ))}
            </div>
          );
        })}
      </div>
      {rows.length === 0 && <p className="p-6 text-center text-sm text-zinc-600 dark:text-zinc-400">No mapping matches these filters.</p>}
    </div>
  );
});
