"use client";

import { useState } from "react";
import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { explainDivergenceAction } from "@/lib/verification/actions";
import type { Divergence, Explanation } from "@/lib/verification/reconcile";

function ExplainForm({ migrationId, reportId, divergence, onDone }: { migrationId: string; reportId: string; divergence: Divergence; onDone: () => void }) {
  const [note, setNote] = useState("");
  const id = `explain-${divergence.key.replace(/[^a-z0-9]/gi, "-")}`;
  const explain = useAction(explainDivergenceAction, {
    onSuccess: ({ data }) => {
      toast.success(data?.gateCompleted ? "Explained; the Reconcile step is done" : `Explained; ${data?.left ?? 0} left`);
      onDone();
    },
    onError: ({ error }) => toast.error(error.serverError ?? error.validationErrors?.note?._errors?.[0] ?? "The note could not be saved"),
  });
  return (
    <form
      className="mt-2 flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        explain.execute({ migrationId, reportId, key: divergence.key, note });
      }}
    >
      <div className="min-w-64 flex-1">
        <label htmlFor={id} className="block text-xs font-medium">Explanation</label>
        <input id={id} className={inputClass} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Why this is expected" />
      </div>
      <Button type="submit" variant="secondary" disabled={explain.isExecuting || note.trim().length < 5}>Explain</Button>
    </form>
  );
}

/** Divergences hold go-live until each is explained (a note, audited) or the migration is rolled back. */
export function DivergenceList({ migrationId, reportId, divergences, explanations, canAct, onChanged }: {
  migrationId: string;
  reportId: string;
  divergences: Divergence[];
  explanations: Record<string, Explanation>;
  canAct: boolean;
  onChanged: () => void;
}) {
  if (divergences.length === 0) return <p className="text-sm" data-testid="no-divergence">No divergence: counts add up and the sampled fields match.</p>;
  return (
    <ul className="space-y-3" data-testid="divergences">
      {divergences.map((d) => {
        const e = explanations[d.key];
        return (
          <li key={d.key} className="rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800" data-key={d.key}>
            <p>
              <Badge tone={e ? "neutral" : "danger"}>{e ? "Explained" : d.kind}</Badge> {d.message}
            </p>
            {e ? (
              <p className="mt-1 text-zinc-600 dark:text-zinc-400">“{e.note}” — {e.by}, {new Date(e.at).toLocaleString()}</p>
            ) : (
              canAct && <ExplainForm migrationId={migrationId} reportId={reportId} divergence={d} onDone={onChanged} />
            )}
          </li>
        );
      })}
    </ul>
  );
}
