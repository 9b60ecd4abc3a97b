"use client";

import { useAction } from "next-safe-action/hooks";
import { useId, useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { rollbackAction } from "@/lib/migration/actions";

/** Rollback behind a confirmation dialog: the admin types ROLLBACK; the server checks it too. */
export function RollbackDialog({ migrationId, disabled, onDone }: { migrationId: string; disabled: boolean; onDone: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState("");
  const titleId = useId();
  const { execute, isExecuting } = useAction(rollbackAction, {
    onSuccess() {
      toast.success("Rollback started");
      dialog.current?.close();
      onDone();
    },
    onError({ error }) {
      toast.error(error.serverError ?? error.validationErrors?.confirm?._errors?.[0] ?? "Could not start the rollback");
    },
  });
  return (
    <>
      <Button variant="danger" disabled={disabled} onClick={() => dialog.current?.showModal()} data-testid="rollback-open">
        Roll back…
      </Button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto max-w-md rounded-lg bg-white p-6 text-zinc-900 backdrop:bg-black/40 dark:bg-zinc-900 dark:text-zinc-100">
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            execute({ migrationId, confirm: typed as "ROLLBACK" });
          }}
        >
          <h3 id={titleId} className="text-lg font-semibold">Roll back the migration?</h3>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            Every record this migration created in Freshsales is deleted (documents, activities, deals, contacts, accounts, products), and
            records it updated get their previous values back. It is audited and can be resumed if interrupted.
          </p>
          <Field id="rollback-confirm" label="Type ROLLBACK to confirm" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={typed !== "ROLLBACK" || isExecuting} data-testid="rollback-confirm">
              Roll back
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
