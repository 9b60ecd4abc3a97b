"use client";

import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { decideConflictAction } from "@/lib/cutover/delta/actions";
import type { ConflictView } from "@/lib/cutover/delta/delta-view";

const STATUS: Record<string, string> = { open: "Open", keep_destination: "Kept Freshsales value", apply_source: "Applied source value" };

/** Records edited in Freshsales after the run that the source also changed: the admin decides each. */
export function ConflictList({ migrationId, conflicts, canAct, onDecided }: { migrationId: string; conflicts: ConflictView[]; canAct: boolean; onDecided: () => void }) {
  const decide = useAction(decideConflictAction, {
    onSuccess: ({ data }) => {
      toast.success(data?.gateCompleted ? "Decided; the Delta step is done" : "Decided");
      onDecided();
    },
    onError: ({ error }) => toast.error(error.serverError ?? "The decision could not be recorded"),
  });
  if (conflicts.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No conflicts.</p>;
  return (
    <ul className="space-y-4" data-testid="delta-conflicts">
      {conflicts.map((c) => (
        <li key={c.id} className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm">
              <span className="font-mono text-xs">{c.objectType} {c.sourceId}</span> → Freshsales #{c.destId}{" "}
              <Badge tone={c.status === "open" ? "warning" : "neutral"}>{STATUS[c.status] ?? c.status}</Badge>
              {c.decidedBy && <span className="ml-2 text-xs text-zinc-600 dark:text-zinc-400">by {c.decidedBy}</span>}
            </p>
            {c.status === "open" && canAct && (
              <div className="flex gap-2">
                <Button variant="secondary" disabled={decide.isExecuting} onClick={() => decide.execute({ migrationId, conflictId: c.id, decision: "keep_destination" })}>
                  Keep Freshsales value
                </Button>
                <Button disabled={decide.isExecuting} onClick={() => decide.execute({ migrationId, conflictId: c.id, decision: "apply_source" })}>
                  Apply source value
                </Button>
              </div>
            )}
          </div>
          <table className="mt-2 w-full text-left text-sm">
            <caption className="sr-only">Fields in conflict for {c.sourceId}</caption>
            <thead className="text-xs uppercase text-zinc-600 dark:text-zinc-400">
              <tr>
                <th scope="col" className="pr-3">Field</th>
                <th scope="col" className="pr-3">Source now</th>
                <th scope="col" className="pr-3">Freshsales now</th>
                <th scope="col">Written by the run</th>
              </tr>
            </thead>
            <tbody>
              {c.fields.map((f) => (
                <tr key={f.field}>
                  <td className="pr-3 font-mono text-xs">{f.field}</td>
                  <td className="pr-3">{f.source ?? "—"}</td>
                  <td className="pr-3">{f.destination ?? "—"}</td>
                  <td>{f.written ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </li>
      ))}
    </ul>
  );
}
