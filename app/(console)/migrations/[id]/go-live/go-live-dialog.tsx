"use client";

import { useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { confirmGoLiveAction } from "@/lib/cutover/go-live/actions";

/** Go-live behind a confirmation dialog: the admin types the migration's name; the server checks it too. */
export function GoLiveDialog({ migrationId, migrationName }: { migrationId: string; migrationName: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const confirm = useAction(confirmGoLiveAction, {
    onSuccess: () => {
      dialog.current?.close();
      toast.success("The migration is live");
      router.refresh();
    },
    onError: ({ error }) => toast.error(error.serverError ?? "Go-live could not be confirmed"),
  });
  return (
    <>
      <Button onClick={() => dialog.current?.showModal()} data-testid="go-live-open">
        Confirm go-live…
      </Button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto max-w-md rounded-lg bg-white p-6 text-zinc-900 backdrop:bg-black/40 dark:bg-zinc-900 dark:text-zinc-100">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            confirm.execute({ migrationId, name: typed });
          }}
        >
          <h2 id={titleId} className="text-lg font-semibold">Go live with “{migrationName}”?</h2>
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">The migration will be closed to further writes. This cannot be undone from the console.</p>
          <Field id="go-live-name" label="Type the migration’s name to confirm" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" className="mt-4" />
          <div className="mt-5 flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" disabled={confirm.isExecuting || typed.trim() !== migrationName.trim()} data-testid="go-live-confirm">
              {confirm.isExecuting ? "Confirming…" : "Go live"}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
