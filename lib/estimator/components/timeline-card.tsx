import { Card } from "@/components/ui/card";
import type { Timeline } from "../timeline";

const hours = (h: number) => `${h.toLocaleString("en-US", { maximumFractionDigits: 2 })} h`;
const count = (n: number) => n.toLocaleString("en-US");
const modeLabel = { bulk: "Bulk", "per-record": "1 call per record", none: "Not written" } as const;

export function TimelineCard({ timeline, callRule }: Readonly<{ timeline: Timeline; callRule: string }>) {
  return (
    <Card role="region" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" className="text-sm font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
        Timeline
      </h2>
      <p className="mt-2 text-3xl font-semibold tabular-nums">
        {timeline.label}
        {timeline.daysLabel && (
          <span className="ml-2 text-base font-normal text-zinc-600 dark:text-zinc-400">({timeline.daysLabel})</span>
        )}
      </p>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {count(timeline.writeCalls)} write calls and {count(timeline.extractCalls)} read calls; computed{" "}
        {hours(timeline.totalHours)}.
      </p>

      <h3 className="mt-4 text-base font-semibold">Breakdown</h3>
      <table className="mt-2 w-full text-sm">
        <caption className="sr-only">Hours per step and the formula behind each</caption>
        <tbody>
          {timeline.steps.map((step) => (
            <tr key={step.label} className="border-t border-zinc-200 align-top dark:border-zinc-800">
              <th scope="row" className="py-1.5 pr-3 text-left font-normal">
                {step.label}
                <span className="block font-mono text-xs text-zinc-600 dark:text-zinc-400">{step.formula}</span>
              </th>
              <td className="py-1.5 text-right tabular-nums">{hours(step.hours)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">{callRule}</p>

      <h3 className="mt-4 text-base font-semibold">API calls per object</h3>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase text-zinc-600 dark:text-zinc-400">
            <tr>
              <th scope="col" className="py-2 pr-3">Object</th>
              <th scope="col" className="py-2 pr-3 text-right">Records</th>
              <th scope="col" className="py-2 pr-3">Lands on</th>
              <th scope="col" className="py-2 pr-3 text-right">Write calls</th>
              <th scope="col" className="py-2 text-right">Read calls</th>
            </tr>
          </thead>
          <tbody>
            {timeline.objects.map((o) => (
              <tr key={o.object} className="border-t border-zinc-200 dark:border-zinc-800">
                <th scope="row" className="py-1.5 pr-3 font-medium capitalize">{o.object}</th>
                <td className="py-1.5 pr-3 text-right tabular-nums">{count(o.count)}</td>
                <td className="py-1.5 pr-3">
                  {o.destinationLabel ?? "—"}{" "}
                  <span className="text-xs text-zinc-600 dark:text-zinc-400">({modeLabel[o.mode]})</span>
                </td>
                <td className="py-1.5 pr-3 text-right tabular-nums">{count(o.writeCalls)}</td>
                <td className="py-1.5 text-right tabular-nums">{count(o.extractCalls)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
