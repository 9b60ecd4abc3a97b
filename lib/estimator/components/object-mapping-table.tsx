import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { CompatibilitySummary, PairMapping } from "../pairs/pair-mapping";

const tone = { "Fully supported": "success", "Needs a mapping": "warning", "Not supported": "danger" } as const;

export function ObjectMappingTable({
  mapping,
  compatibility,
}: Readonly<{ mapping: PairMapping; compatibility: CompatibilitySummary }>) {
  const { source, destination } = mapping;
  return (
    <Card role="region" aria-labelledby="mapping-heading">
      <h2 id="mapping-heading" className="text-sm font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
        Compatibility
      </h2>
      <p className="mt-2">
        <span className="text-3xl font-semibold tabular-nums">{compatibility.headline}</span>{" "}
        <span className="text-zinc-700 dark:text-zinc-300">{compatibility.line}</span>
      </p>
      <h3 className="mt-4 text-base font-semibold">Object mapping</h3>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{mapping.caption}</p>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">
            How each {source.name} object lands in {destination.name}
          </caption>
          <thead className="text-xs uppercase text-zinc-600 dark:text-zinc-400">
            <tr>
              <th scope="col" className="py-2 pr-3">{source.name}</th>
              <th scope="col" className="py-2 pr-3">{destination.name}</th>
              <th scope="col" className="py-2 pr-3">Cardinality</th>
              <th scope="col" className="py-2">Compatibility</th>
            </tr>
          </thead>
          <tbody>
            {mapping.rows.map((row) => (
              <tr key={`${row.sourceLabel}-${row.destinationLabel ?? "none"}`} className="border-t border-zinc-200 align-top dark:border-zinc-800">
                <th scope="row" className="py-2 pr-3 font-medium">
                  {row.sourceLabel}
                </th>
                <td className="py-2 pr-3">
                  {row.destinationLabel ?? <span className="text-zinc-600 dark:text-zinc-400">No equivalent</span>}
                  {row.note && <p className="text-xs text-zinc-600 dark:text-zinc-400">{row.note}</p>}
                </td>
                <td className="py-2 pr-3 tabular-nums">{row.cardinality === "none" ? "—" : row.cardinality}</td>
                <td className="py-2">
                  <Badge tone={tone[row.compatibility]}>{row.compatibility}</Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
