import type { ObjectCounts } from "@/lib/verification/reconcile";

/** Per object: source (staging), ledger states, records written, and what Freshsales holds. */
export function CountsTable({ objects }: { objects: ObjectCounts[] }) {
  // A region that scrolls sideways on narrow screens: focusable so it scrolls by keyboard too.
  return (
    <div tabIndex={0} role="region" aria-label="Counts per object" className="overflow-x-auto">
      <table className="w-full min-w-[40rem] text-left text-sm" data-testid="reconcile-counts">
        <caption className="sr-only">Counts per object</caption>
        <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            <th scope="col" className="py-2 pr-3">Object</th>
            <th scope="col" className="py-2 pr-3 text-right">Source</th>
            <th scope="col" className="py-2 pr-3 text-right">Written</th>
            <th scope="col" className="py-2 pr-3 text-right">Skipped</th>
            <th scope="col" className="py-2 pr-3 text-right">Failed</th>
            <th scope="col" className="py-2 pr-3 text-right">Unsettled</th>
            <th scope="col" className="py-2 pr-3 text-right">In Freshsales</th>
            <th scope="col" className="py-2">Check</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {objects.map((o) => {
            const total = o.ledger.written + o.ledger.skipped + o.ledger.failed + o.ledger.pending + o.ledger.intent;
            const addsUp = total === o.source && o.ledger.pending + o.ledger.intent === 0;
            const complete = o.destination === null || o.destination >= o.writtenRecords;
            const unrecorded = o.unrecorded?.length ?? 0;
            return (
              <tr key={o.objectType} data-object={o.objectType}>
                <th scope="row" className="py-2 pr-3 font-medium">{o.objectType}</th>
                <td className="py-2 pr-3 text-right tabular-nums">{o.source}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{o.ledger.written}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{o.ledger.skipped}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{o.ledger.failed}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{o.ledger.pending + o.ledger.intent}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{o.destination ?? "not counted"}</td>
                <td className="py-2 text-xs">
                  {addsUp && complete && unrecorded === 0
                    ? "adds up"
                    : [
                        !addsUp && "ledger does not add up",
                        !complete && `${o.writtenRecords - (o.destination ?? 0)} missing in Freshsales`,
                        unrecorded > 0 && `${unrecorded} in Freshsales though failed or skipped in the ledger`,
                      ].filter(Boolean).join("; ")}
                  {o.note && <span className="block text-zinc-600 dark:text-zinc-400">{o.note}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
