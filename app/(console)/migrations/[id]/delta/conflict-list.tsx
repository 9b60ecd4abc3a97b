"use client";

import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { decideConflictAction } from "@/lib/cutover/delta/actions";
import type { ConflictView } from "@/lib/cutover/delta/delta-view";
import type { FieldChoice } from "@/lib/cutover/delta/types";
import { BulkConflictForm } from "./bulk-conflict-form";

const STATUS: Record<string, string> = {
  open: "Open", keep_destination: "Kept Freshsales values", apply_source: "Took source values", per_field: "Decided field by field", settled: "Settled by a later change",
};

/** Fields both sides changed after the run, differently: the admin decides per record, per field, or in bulk. */
export function ConflictList({ migrationId, conflicts, canAct, onDecided }: { migrationId: string; conflicts: ConflictView[]; canAct: boolean; onDecided: () => void }) {
  const decide = useAction(decideConflictAction, {
    onSuccess: ({ data }) => {
      toast.success(data?.gateCompleted ? "Decided; the Delta step is done" : data?.resolved === false ? "Choices saved; choose the remaining fields" : "Decided");
      onDecided();
    },
    onError: ({ error }) => toast.error(error.serverError ?? "The decision could not be recorded"),
  });
  if (conflicts.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No conflicts. A field only one side changed is merged without asking.</p>;
  const open = conflicts.filter((c) => c.status === "open");
  return (
    <div className="space-y-4">
      {canAct && open.length > 0 && <BulkConflictForm migrationId={migrationId} conflicts={open} onDecided={onDecided} />}
      <ul className="space-y-4" data-testid="delta-conflicts">
        {conflicts.map((c) => (
          <ConflictItem key={c.id} conflict={c} canAct={canAct} busy={decide.isExecuting} onDecide={(decision) => decide.execute({ migrationId, conflictId: c.id, decision })} />
        ))}
      </ul>
    </div>
  );
}

type Decision = "keep_destination" | "apply_source" | { fields: Record<string, FieldChoice> };

function ConflictItem({ conflict: c, canAct, busy, onDecide }: { conflict: ConflictView; canAct: boolean; busy: boolean; onDecide: (d: Decision) => void }) {
  const [choices, setChoices] = useState<Record<string, FieldChoice>>(() => Object.fromEntries(c.fields.flatMap((f) => (f.choice ? [[f.field, f.choice]] : []))));
  const editable = c.status === "open" && canAct;
  const allChosen = c.fields.every((f) => choices[f.field]);
  return (
    <li className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800" data-testid={`conflict-${c.objectType}-${c.sourceId}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm">
          <span className="font-mono text-xs">{c.objectType} {c.sourceId}</span> → Freshsales #{c.destId}{" "}
          <Badge tone={c.status === "open" ? "warning" : "neutral"}>{STATUS[c.status] ?? c.status}</Badge>
          {c.decidedBy && <span className="ml-2 text-xs text-zinc-600 dark:text-zinc-400">by {c.decidedBy}</span>}
        </p>
        {editable && (
          <div className="flex gap-2">
            <Button variant="secondary" disabled={busy} onClick={() => onDecide("keep_destination")}>Keep Freshsales</Button>
            <Button disabled={busy} onClick={() => onDecide("apply_source")}>Take source</Button>
          </div>
        )}
      </div>
      <table className="mt-2 w-full text-left text-sm">
        <caption className="sr-only">Fields in conflict for {c.sourceId}</caption>
        <thead className="text-xs uppercase text-zinc-600 dark:text-zinc-400">
          <tr>
            <th scope="col" className="pr-3">Field</th>
            <th scope="col" className="pr-3">At the run</th>
            <th scope="col" className="pr-3">Source now</th>
            <th scope="col" className="pr-3">Freshsales now</th>
            <th scope="col">Choice</th>
          </tr>
        </thead>
        <tbody>
          {c.fields.map((f) => (
            <tr key={f.field}>
              <td className="pr-3 font-mono text-xs">
                {f.field}
                {f.refused && <span className="block font-sans text-xs text-amber-700 dark:text-amber-400">Only the source changed it, but Freshsales refused the value: {f.refused}</span>}
              </td>
              <td className="pr-3">{f.written ?? "—"}</td>
              <td className="pr-3">{f.source ?? "—"}</td>
              <td className="pr-3">{f.destination ?? "—"}</td>
              <td>
                {editable ? (
                  <fieldset className="flex gap-3">
                    <legend className="sr-only">Value to keep for {f.field}</legend>
                    {(["source", "destination"] as const).map((choice) => (
                      <label key={choice} className="flex items-center gap-1">
                        <input type="radio" name={`${c.id}-${f.field}`} checked={choices[f.field] === choice} onChange={() => setChoices((prev) => ({ ...prev, [f.field]: choice }))} />
                        {choice === "source" ? "Source" : "Freshsales"}
                      </label>
                    ))}
                  </fieldset>
                ) : (
                  (f.choice === "source" ? "Source" : f.choice === "destination" ? "Freshsales" : "—")
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editable && c.fields.length > 1 && (
        <div className="mt-2">
          <Button variant="secondary" disabled={busy || Object.keys(choices).length === 0} onClick={() => onDecide({ fields: choices })}>
            {allChosen ? "Apply the choices" : "Save the choices made"}
          </Button>
        </div>
      )}
    </li>
  );
}
