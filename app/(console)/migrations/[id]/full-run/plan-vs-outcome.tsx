import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { planVsOutcome } from "@/lib/migration/dry-run/service";
import { db } from "@/lib/server/db";

const OUTCOMES = ["created", "updated", "skipped", "failed", "unsettled"] as const;

/** The dry run's plan next to the latest full run's ledger: per object and outcome, and every record that differed. */
export async function PlanVsOutcome({ organizationId, migrationId }: { organizationId: string; migrationId: string }) {
  const c = await planVsOutcome(db(), organizationId, migrationId);
  if (!c) {
    return (
      <Card>
        <h3 className="font-semibold">Plan and outcome</h3>
        <p className="mt-2 text-sm">
          The latest full run followed no dry run. <Link className="underline" href={`/migrations/${migrationId}/dry-run`}>Plan one</Link> before the next run to compare.
        </p>
      </Card>
    );
  }
  const different = c.records - c.agreeing;
  return (
    <Card>
      <h3 className="font-semibold">Plan and outcome</h3>
      <p className="mt-2 text-sm" data-testid="plan-accuracy">
        {different === 0 ? <Badge tone="success">Every record as planned</Badge> : <Badge tone="warning">{different.toLocaleString()} of {c.records.toLocaleString()} records differ from the plan</Badge>}
        {" "}({c.agreeing.toLocaleString()} agree; <Link className="underline" href={`/migrations/${migrationId}/dry-run`}>the dry run</Link>)
      </p>
      <table className="mt-3 w-full text-sm">
        <thead className="text-left text-zinc-500">
          <tr>
            <th className="py-1">Object</th>
            {OUTCOMES.map((o) => <th key={o} className="py-1 capitalize">{o} (plan / run)</th>)}
          </tr>
        </thead>
        <tbody>
          {Object.entries(c.byObject).map(([name, o]) => (
            <tr key={name} className="border-t border-zinc-100 dark:border-zinc-800">
              <td className="py-1 font-medium">{name}</td>
              {OUTCOMES.map((k) => <td key={k} className="py-1 tabular-nums">{(o[k]?.predicted ?? 0).toLocaleString()} / {(o[k]?.actual ?? 0).toLocaleString()}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      {c.differences.length > 0 && (
        <details className="mt-3 text-sm" open={c.differences.length <= 20}>
          <summary className="cursor-pointer">Records whose outcome differed{c.moreDifferences > 0 ? ` (first ${c.differences.length}; ${c.moreDifferences.toLocaleString()} more)` : ""}</summary>
          <ul className="mt-2 space-y-1">
            {c.differences.map((d) => (
              <li key={`${d.objectType}/${d.sourceId}`}>
                <span className="font-medium">{d.objectType} {d.sourceId}</span>: planned {d.predicted}{d.predictedReason ? ` (${d.predictedReason})` : ""}, was {d.actual}{d.actualReason ? `: ${d.actualReason}` : ""}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Card>
  );
}
