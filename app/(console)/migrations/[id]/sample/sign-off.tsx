"use client";

import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { signOffSampleAction } from "@/lib/verification/actions";

/** Sign-off of the sample's diff for the approved map's versions; mismatches must be accepted explicitly. */
export function SignOff({ migrationId, runId, mismatches, signedOff, mapChanged, canSign }: {
  migrationId: string;
  runId: string;
  mismatches: number;
  signedOff: { approvedBy: string; approvedAt: string } | null;
  mapChanged: boolean;
  canSign: boolean;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [accept, setAccept] = useState(false);
  const sign = useAction(signOffSampleAction, {
    onSuccess: () => {
      toast.success("Sample signed off");
      void queryClient.invalidateQueries({ queryKey: ["sample", migrationId] });
      router.refresh();
    },
    onError: ({ error }) => toast.error(error.serverError ?? "The sign-off failed"),
  });
  if (signedOff) {
    return (
      <p className="text-sm" data-testid="sample-signed-off">
        <Badge tone="success">Signed off</Badge> by {signedOff.approvedBy} on {new Date(signedOff.approvedAt).toLocaleString()}.
      </p>
    );
  }
  if (mapChanged) return <p className="text-sm text-amber-800 dark:text-amber-300">The map changed after this sample was written: run the sample again to sign it off.</p>;
  if (!canSign) return <p className="text-sm text-zinc-600 dark:text-zinc-400">An admin signs the sample off.</p>;
  return (
    <div className="flex flex-wrap items-center gap-4">
      {mismatches > 0 && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={accept} onChange={(e) => setAccept(e.target.checked)} />
          I reviewed the {mismatches} mismatched {mismatches === 1 ? "field" : "fields"} and accept them
        </label>
      )}
      <Button onClick={() => sign.execute({ migrationId, runId, acceptMismatches: accept })} disabled={sign.isExecuting || (mismatches > 0 && !accept)} data-testid="sample-sign-off">
        {sign.isExecuting ? "Signing off…" : "Sign off the sample"}
      </Button>
    </div>
  );
}
