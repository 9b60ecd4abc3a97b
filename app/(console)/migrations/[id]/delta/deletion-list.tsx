"use client";

import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { decideDeletionAction, restoreDeletionAction } from "@/lib/cutover/delta/actions";
import type { DeletionView } from "@/lib/cutover/delta/delta-view";

const STATUS: Record<string, string> = { open: "Open", deleted: "Deleted in Freshsales", kept: "Kept in Freshsales", restored_in_source: "Back in the source", restored: "Restored in Freshsales" };

/** Records deleted in Visual Practice during the window: nothing is deleted in Freshsales until the admin says so. */
export function DeletionList({ migrationId, deletions, canAct, onDecided }: { migrationId: string; deletions: DeletionView[]; canAct: boolean; onDecided: () => void }) {
  const decide = useAction(decideDeletionAction, {
    onSuccess: ({ data }) => {
      toast.success(data?.gateCompleted ? "Decided; the Delta step is done" : "Decided");
      onDecided();
    },
    onError: ({ error }) => toast.error(error.serverError ?? "The decision could not be recorded"),
  });
  const restore = useAction(restoreDeletionAction, {
    onSuccess: ({ data }) => {
      toast.success(`Restored as Freshsales #${data?.destId ?? "?"}${data?.children ? ` with ${data.children - data.childrenFailed} of ${data.children} activities and files` : ""}`);
      onDecided();
    },
    onError: ({ error }) => toast.error(error.serverError ?? "The record could not be restored"),
  });
  if (deletions.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No record was deleted in the source.</p>;
  return (
    <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="delta-deletions">
      {deletions.map((d) => (
        <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
          <p>
            <span className="font-mono text-xs">{d.objectType} {d.sourceId}</span> → Freshsales #{d.destId}{" "}
            <Badge tone={d.status === "open" ? "warning" : "neutral"}>{STATUS[d.status] ?? d.status}</Badge>
            {d.decidedBy && <span className="ml-2 text-xs text-zinc-600 dark:text-zinc-400">by {d.decidedBy}</span>}
            {d.status === "open" && d.notDeletable && <span className="block text-xs text-zinc-600 dark:text-zinc-400">Only keeping is offered: {d.notDeletable}.</span>}
          </p>
          {d.status === "deleted" && canAct && (
            <Button variant="secondary" disabled={restore.isExecuting} onClick={() => restore.execute({ migrationId, deletionId: d.id })}>
              {restore.isExecuting ? "Restoring…" : "Restore in Freshsales"}
            </Button>
          )}
          {d.status === "open" && canAct && (
            <div className="flex gap-2">
              <Button variant="secondary" disabled={decide.isExecuting} onClick={() => decide.execute({ migrationId, deletionId: d.id, decision: "keep" })}>
                Keep in Freshsales
              </Button>
              {!d.notDeletable && (
                <Button variant="danger" disabled={decide.isExecuting} onClick={() => decide.execute({ migrationId, deletionId: d.id, decision: "delete" })}>
                  Delete in Freshsales
                </Button>
              )}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
