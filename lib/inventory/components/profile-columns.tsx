"use client";

import { createColumnHelper, createSortedRowModel, rowSortingFeature, sortFn_basic, sortFn_text, tableFeatures } from "@tanstack/react-table";
import { Badge } from "@/components/ui/badge";
import type { InventoryFieldProfile } from "../types";

const pct = (n: number) => `${(Math.round(n * 1000) / 10).toFixed(1)}%`;

function ValueList({ values, label }: { values: { value: string; count?: number }[]; label: string }) {
  if (values.length === 0) return <span className="text-zinc-500">–</span>;
  return (
    <ul aria-label={label} className="space-y-0.5">
      {values.map((v, i) => (
        <li key={i} className="truncate font-mono text-xs" title={v.value}>
          {v.value === "" ? <span className="text-zinc-500">(empty)</span> : v.value}
          {v.count !== undefined && <span className="text-zinc-500"> ×{v.count}</span>}
        </li>
      ))}
    </ul>
  );
}

export const profileTableFeatures = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { basic: sortFn_basic, text: sortFn_text },
});

const helper = createColumnHelper<typeof profileTableFeatures, InventoryFieldProfile>();

/** Column widths in pixels (the table is fixed-layout so virtual rows keep their columns). */
export const COLUMN_WIDTHS: Record<string, number> = {
  object: 90, field: 220, type: 130, fill: 100, distinct: 80, top: 200, samples: 180, anomalies: 200, sensitive: 100,
};

/** Columns of the inventory table; sort keys are the numbers a reviewer ranks by. */
export const profileColumns = helper.columns([
  helper.accessor("object", { id: "object", header: "Object", sortFn: "text" }),
  helper.accessor((p) => p.label, {
    id: "field",
    header: "Field",
    sortFn: "text",
    cell: ({ row: { original: p } }) => (
      <div>
        <div className="font-medium">{p.label}</div>
        <div className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{p.path}</div>
        <div className="mt-1 flex flex-wrap gap-1">
          {p.isCustom && <Badge>custom</Badge>}
          {p.inCatalogue === false && <Badge tone="warning">not in catalogue</Badge>}
        </div>
        {p.notes.length > 0 && <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{p.notes.join("; ")}</p>}
      </div>
    ),
  }),
  helper.accessor("inferredType", {
    id: "type",
    header: "Freshsales type",
    sortFn: "text",
    cell: ({ row: { original: p } }) => (
      <div>
        <Badge tone="info">{p.inferredType}</Badge>
        {p.filled > 0 && <div className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{pct(p.typeConfidence)} fit</div>}
        {p.dropdownValues && <div className="text-xs text-zinc-600 dark:text-zinc-400">{p.dropdownValues.length} choices</div>}
      </div>
    ),
  }),
  helper.accessor("fillRate", {
    id: "fill",
    header: "Fill rate",
    sortFn: "basic",
    cell: ({ row: { original: p } }) => (
      <div className="tabular-nums">
        {pct(p.fillRate)}
        <div className="text-xs text-zinc-600 dark:text-zinc-400">{p.filled} / {p.total}</div>
      </div>
    ),
  }),
  helper.accessor("distinct", {
    id: "distinct",
    header: "Distinct",
    sortFn: "basic",
    cell: ({ row: { original: p } }) => <span className="tabular-nums">{p.distinct}{p.distinctCapped ? "+" : ""}</span>,
  }),
  helper.display({
    id: "top",
    header: "Top values",
    cell: ({ row: { original: p } }) => <ValueList label={`Top values of ${p.label}`} values={p.topValues.slice(0, 5)} />,
  }),
  helper.display({
    id: "samples",
    header: "Samples",
    cell: ({ row: { original: p } }) => <ValueList label={`Samples of ${p.label}`} values={p.samples.slice(0, 3).map((value) => ({ value }))} />,
  }),
  helper.accessor((p) => p.anomalies.reduce((n, a) => n + a.count, 0), {
    id: "anomalies",
    header: "Anomalies",
    sortFn: "basic",
    cell: ({ row: { original: p } }) =>
      p.anomalies.length === 0 ? (
        <span className="text-zinc-500">–</span>
      ) : (
        <ul className="space-y-1 text-xs">
          {p.anomalies.map((a) => (
            <li key={a.kind}>
              <Badge tone="warning">{a.kind.replace(/_/g, " ")} ×{a.count}</Badge>
              {a.examples[0] && (
                <div className="mt-0.5 truncate font-mono" title={`${a.examples[0].value} (record ${a.examples[0].recordId})`}>
                  {a.examples[0].value} <span className="text-zinc-500">({a.examples[0].recordId})</span>
                </div>
              )}
            </li>
          ))}
        </ul>
      ),
  }),
  helper.accessor((p) => (p.sensitive ? 1 : 0), {
    id: "sensitive",
    header: "Sensitive",
    sortFn: "basic",
    cell: ({ row: { original: p } }) =>
      p.sensitive ? (
        <Badge tone="danger" title={p.sensitivityReason}>health data</Badge>
      ) : (
        <span className="text-zinc-500">no</span>
      ),
  }),
]);
