"use client";

import { useState } from "react";
import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { requestSampleAction } from "@/lib/verification/actions";

/** The admin chooses the sample's size (100 to 500 records) and starts it. */
export function SampleRequest({ migrationId, again, busy, onStarted }: { migrationId: string; again: boolean; busy: boolean; onStarted: () => void }) {
  const [size, setSize] = useState("200");
  const request = useAction(requestSampleAction, {
    onSuccess: ({ data }) => {
      toast.success(`Sample of ${data?.chosen ?? size} records started`);
      onStarted();
    },
    onError: ({ error }) => toast.error(error.serverError ?? error.validationErrors?.size?._errors?.[0] ?? "The sample could not start"),
  });
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        request.execute({ migrationId, size: Number(size) });
      }}
    >
      <Field id="sample-size" label="Records in the sample" type="number" min={100} max={500} step={1} value={size} onChange={(e) => setSize(e.target.value)} hint="100 to 500: companies with their contacts, deals, line items, activities and attachments." className="w-64" />
      <Button type="submit" disabled={busy || request.isExecuting} data-testid="sample-run">
        {request.isExecuting ? "Starting…" : again ? "Run the sample again" : "Run sample"}
      </Button>
      {again && <p className="w-full text-xs text-zinc-600 dark:text-zinc-400">Running it again first removes the previous sample’s records from Freshsales.</p>}
    </form>
  );
}
