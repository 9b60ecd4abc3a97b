"use client";

import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { extendDeltaWindowAction } from "@/lib/cutover/delta/actions";

/** Keeps an open window open longer; the new end is audited. */
export function ExtendWindowForm({ migrationId, onExtended }: { migrationId: string; onExtended: () => void }) {
  const [hours, setHours] = useState("24");
  const extend = useAction(extendDeltaWindowAction, {
    onSuccess: ({ data }) => {
      toast.success(`Open until ${data ? new Date(data.endsAt).toLocaleString() : "later"}`);
      onExtended();
    },
    onError: ({ error }) => toast.error(error.serverError ?? error.validationErrors?.hours?._errors?.[0] ?? "The window could not be extended"),
  });
  return (
    <form
      className="flex items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        extend.execute({ migrationId, hours: Number(hours) });
      }}
    >
      <div>
        <label htmlFor="extend-hours" className="block text-sm font-medium">Extend by (hours)</label>
        <input id="extend-hours" type="number" min={1} max={720} value={hours} onChange={(e) => setHours(e.target.value)} className="mt-1 w-24 rounded-md border border-zinc-300 px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900" />
      </div>
      <Button type="submit" variant="secondary" disabled={extend.isExecuting}>{extend.isExecuting ? "Extending…" : "Extend"}</Button>
    </form>
  );
}
