"use client";

import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { deleteConnectionAction, testConnectionAction } from "@/lib/connections/actions";

/** "Test connection" and "Delete" for one saved connection (admins only). */
export function ConnectionActions({
  migrationId,
  kind,
  label,
  onChanged,
}: {
  migrationId: string;
  kind: "VISUAL_PRACTICE" | "FRESHSALES";
  label: string;
  onChanged: () => void;
}) {
  const test = useAction(testConnectionAction, {
    onSuccess({ data }) {
      if (data?.lastTestOk) toast.success(`${label}: test passed`);
      else toast.error(`${label}: test failed`);
      onChanged();
    },
    onError({ error }) {
      toast.error(error.serverError ?? "The test could not run");
    },
  });
  const remove = useAction(deleteConnectionAction, {
    onSuccess() {
      toast.success(`${label} connection deleted`);
      onChanged();
    },
    onError({ error }) {
      toast.error(error.serverError ?? "Could not delete the connection");
    },
  });
  return (
    <div className="flex flex-wrap gap-2">
      <Button type="button" variant="secondary" disabled={test.isExecuting} onClick={() => test.execute({ migrationId, kind })}>
        {test.isExecuting ? "Testing…" : "Test connection"}
      </Button>
      <Button
        type="button"
        variant="ghost"
        disabled={remove.isExecuting}
        onClick={() => {
          if (window.confirm(`Delete the ${label} connection? Steps after Connect will have to be done again.`)) remove.execute({ migrationId, kind });
        }}
      >
        Delete
      </Button>
    </div>
  );
}
