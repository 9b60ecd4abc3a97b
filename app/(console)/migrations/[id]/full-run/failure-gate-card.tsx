"use client";

import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { acceptFailuresAction, setFailureThresholdsAction } from "@/lib/migration/actions";
import { OBJECT_LABEL, THRESHOLD_OBJECTS, type FailureThresholds } from "@/lib/migration/failure-thresholds";
import type { FullRunView } from "@/lib/migration/live-view";

/**
 * Why the full-run gate is held (the objects over their thresholds), and the two ways on
 * besides a retry: accept the failures with a written reason, or change the thresholds.
 */
export function FailureGateCard({ migrationId, standing, held, canAct, onChanged }: { migrationId: string; standing: FullRunView["standing"]; held: boolean; canAct: boolean; onChanged: () => void }) {
  const [reason, setReason] = useState("");
  const accept = useAction(acceptFailuresAction, {
    onSuccess: () => {
      toast.success("Failures accepted: the next step is open");
      onChanged();
    },
    onError: ({ error }) => toast.error(error.serverError ?? error.validationErrors?.reason?._errors?.[0] ?? "That did not work"),
  });
  const save = useAction(setFailureThresholdsAction, {
    onSuccess: () => {
      toast.success("Thresholds saved");
      onChanged();
    },
    onError: ({ error }) => toast.error(error.serverError ?? "Enter each threshold as a percentage from 0 to 100"),
  });

  return (
    <Card role="region" aria-labelledby="gate-held-heading" className="space-y-3" data-testid="failure-gate">
      {held ? (
        <>
          <h2 id="gate-held-heading" className="text-lg font-semibold text-red-700 dark:text-red-400">The full-run gate is held: more failures than allowed</h2>
          <ul className="list-disc pl-5 text-sm" data-testid="over-threshold">
            {standing.over.map((o) => <li key={o.objectType}>{o.text}</li>)}
          </ul>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Fix what the reasons below say and retry the failed records; the gate opens when a retry brings the failures within the thresholds. Or accept them with a reason, which the audit log keeps.
          </p>
          {canAct && (
            <form
              className="space-y-2"
              onSubmit={(e) => {
                e.preventDefault();
                accept.execute({ migrationId, reason });
              }}
            >
              <label htmlFor="accept-reason" className="block text-sm font-medium">Why these failures are acceptable</label>
              <textarea id="accept-reason" className={inputClass} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} minLength={10} required />
              <Button type="submit" variant="secondary" disabled={accept.isExecuting || reason.trim().length < 10}>Accept the failures and open the next step</Button>
            </form>
          )}
        </>
      ) : (
        <h2 id="gate-held-heading" className="text-lg font-semibold">Failures a run may end with</h2>
      )}
      <details open={!held}>
        <summary className="cursor-pointer text-sm font-medium">Failure thresholds (share of each object&apos;s records that may fail)</summary>
        <form
          className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-3"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            const thresholds = Object.fromEntries(THRESHOLD_OBJECTS.map((o) => [o, Number(form.get(o))])) as FailureThresholds;
            save.execute({ migrationId, thresholds });
          }}
        >
          {THRESHOLD_OBJECTS.map((o) => (
            <label key={o} className="text-sm">
              <span className="block capitalize">{OBJECT_LABEL[o]} (%)</span>
              <input name={o} type="number" min={0} max={100} step={0.1} defaultValue={standing.thresholds[o]} className={inputClass} disabled={!canAct} aria-label={`${OBJECT_LABEL[o]}: percent that may fail`} />
            </label>
          ))}
          {canAct && <div className="col-span-full"><Button type="submit" variant="secondary" disabled={save.isExecuting}>Save thresholds</Button></div>}
        </form>
      </details>
    </Card>
  );
}
