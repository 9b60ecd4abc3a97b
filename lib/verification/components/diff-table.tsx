import { Badge } from "@/components/ui/badge";
import type { DiffRow, Verdict } from "@/lib/verification/field-diff";

const TONE: Record<Verdict, "success" | "info" | "danger" | "warning"> = { equal: "success", transformed: "info", mismatch: "danger", dropped: "warning" };
export const VERDICT_LABEL: Record<Verdict, string> = { equal: "Equal", transformed: "Transformed as mapped", mismatch: "Mismatch", dropped: "Dropped" };

function Value({ value, sensitive }: { value: string | null; sensitive: boolean }) {
  if (value === null) return <span className="text-zinc-400 dark:text-zinc-500">—</span>;
  return (
    <span className={sensitive ? "font-mono" : undefined} title={value.length > 80 ? value : undefined}>
      {value.length > 80 ? `${value.slice(0, 80)}…` : value}
    </span>
  );
}

/** One row per field: source value, expected value after the transform, Freshsales value, verdict. */
export function DiffTable({ rows, caption }: { rows: DiffRow[]; caption: string }) {
  if (rows.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No field matches these filters.</p>;
  // A region that scrolls sideways on narrow screens: focusable so it scrolls by keyboard too.
  return (
    <div tabIndex={0} role="region" aria-label={caption} className="overflow-x-auto">
      <table className="w-full min-w-[48rem] text-left text-sm" data-testid="diff-table">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            <th scope="col" className="py-2 pr-3">Record</th>
            <th scope="col" className="py-2 pr-3">Field</th>
            <th scope="col" className="py-2 pr-3">Source value</th>
            <th scope="col" className="py-2 pr-3">Expected after transform</th>
            <th scope="col" className="py-2 pr-3">Freshsales value</th>
            <th scope="col" className="py-2">Verdict</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {rows.map((r) => (
            <tr key={`${r.objectType}/${r.sourceId}/${r.field}`} data-verdict={r.verdict} className="align-top">
              <td className="py-2 pr-3">
                <span className="block font-mono text-xs">{r.sourceId}</span>
                <span className="text-xs text-zinc-600 dark:text-zinc-400">
                  {r.objectType}
                  {r.target && r.target !== r.objectType ? ` → ${r.target}` : ""}
                  {r.destId ? ` #${r.destId}` : ""}
                </span>
              </td>
              <td className="py-2 pr-3">
                {r.label}
                {r.label !== r.field && <span className="block font-mono text-xs text-zinc-500">{r.field}</span>}
                {r.sensitive && (
                  <Badge tone="warning" className="mt-1">
                    health data
                  </Badge>
                )}
              </td>
              <td className="py-2 pr-3">
                <Value value={r.source} sensitive={r.sensitive} />
              </td>
              <td className="py-2 pr-3">
                <Value value={r.expected} sensitive={r.sensitive} />
              </td>
              <td className="py-2 pr-3">
                <Value value={r.destination} sensitive={r.sensitive} />
              </td>
              <td className="py-2">
                <Badge tone={TONE[r.verdict]}>{VERDICT_LABEL[r.verdict]}</Badge>
                {r.note && <span className="mt-1 block text-xs text-zinc-600 dark:text-zinc-400">{r.note}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
