"use client";

import { useState } from "react";
import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { openDeltaWindowAction } from "@/lib/cutover/delta/actions";

/** Opens the window (or another one, reading on from where the last stopped): its length (24 to 48 hours is typical; any duration is allowed) and the poll interval. */
export function OpenWindowForm({ migrationId, onOpened, again = false }: { migrationId: string; onOpened: () => void; again?: boolean }) {
  const [hours, setHours] = useState("36");
  const [interval, setIntervalSeconds] = useState("300");
  const open = useAction(openDeltaWindowAction, {
    onSuccess: () => {
      toast.success("Delta window opened");
      onOpened();
    },
    onError: ({ error }) => toast.error(error.serverError ?? error.validationErrors?.windowHours?._errors?.[0] ?? "The window could not open"),
  });
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        open.execute({ migrationId, windowHours: Number(hours), intervalSeconds: Number(interval) });
      }}
    >
      <Field id="delta-hours" label="Window (hours)" type="number" min={0.001} step="any" value={hours} onChange={(e) => setHours(e.target.value)} hint="Typically 24 to 48 hours." className="w-40" />
      <Field id="delta-interval" label="Poll every (seconds)" type="number" min={1} step={1} value={interval} onChange={(e) => setIntervalSeconds(e.target.value)} className="w-44" />
      <Button type="submit" disabled={open.isExecuting} data-testid="delta-open">
        {open.isExecuting ? "Opening…" : again ? "Open another window" : "Open the delta window"}
      </Button>
    </form>
  );
}
