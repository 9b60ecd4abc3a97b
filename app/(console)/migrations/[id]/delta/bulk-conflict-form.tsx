"use client";

import { useAction } from "next-safe-action/hooks";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { decideConflictsInBulkAction } from "@/lib/cutover/delta/actions";
import type { ConflictView } from "@/lib/cutover/delta/delta-view";
import type { FieldChoice } from "@/lib/cutover/delta/types";

const ALL = "";
const select = "mt-1 rounded-md border border-zinc-300 px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** One choice for every open conflict of an object type with a field ("for all contacts, take the source's phone"). */
export function BulkConflictForm({ migrationId, conflicts, onDecided }: { migrationId: string; conflicts: ConflictView[]; onDecided: () => void }) {
  const objectTypes = useMemo(() => [...new Set(conflicts.map((c) => c.objectType))].sort(), [conflicts]);
  const [objectType, setObjectType] = useState(objectTypes[0] ?? "");
  const [field, setField] = useState(ALL);
  const [choice, setChoice] = useState<FieldChoice>("source");
  const fields = useMemo(() => [...new Set(conflicts.filter((c) => c.objectType === objectType).flatMap((c) => c.fields.map((f) => f.field)))].sort(), [conflicts, objectType]);
  const bulk = useAction(decideConflictsInBulkAction, {
    onSuccess: ({ data }) => {
      toast.success(`${data?.matched ?? 0} conflicts chosen, ${data?.resolved ?? 0} resolved${data?.gateCompleted ? "; the Delta step is done" : ""}`);
      onDecided();
    },
    onError: ({ error }) => toast.error(error.serverError ?? "The choice could not be recorded"),
  });
  return (
    <form
      className="flex flex-wrap items-end gap-3 rounded-md bg-zinc-50 p-3 text-sm dark:bg-zinc-900"
      data-testid="delta-bulk-choice"
      onSubmit={(e) => {
        e.preventDefault();
        bulk.execute({ migrationId, objectType, field: field === ALL ? undefined : field, choice });
      }}
    >
      <div>
        <label htmlFor="bulk-object" className="block font-medium">For all</label>
        <select id="bulk-object" className={select} value={objectType} onChange={(e) => { setObjectType(e.target.value); setField(ALL); }}>
          {objectTypes.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="bulk-field" className="block font-medium">Field</label>
        <select id="bulk-field" className={select} value={field} onChange={(e) => setField(e.target.value)}>
          <option value={ALL}>every field</option>
          {fields.map((f) => <option key={f} value={f}>{f}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="bulk-choice" className="block font-medium">Take</label>
        <select id="bulk-choice" className={select} value={choice} onChange={(e) => setChoice(e.target.value as FieldChoice)}>
          <option value="source">the source&apos;s value</option>
          <option value="destination">Freshsales&apos; value</option>
        </select>
      </div>
      <Button type="submit" variant="secondary" disabled={bulk.isExecuting || !objectType}>{bulk.isExecuting ? "Applying…" : "Apply to all"}</Button>
    </form>
  );
}
