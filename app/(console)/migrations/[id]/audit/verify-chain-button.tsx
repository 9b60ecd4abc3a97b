"use client";

import { useAction } from "next-safe-action/hooks";
import { Button } from "@/components/ui/button";
import { verifyAuditChainAction } from "@/lib/audit/actions";

export function VerifyChainButton() {
  const { execute, result, isExecuting } = useAction(verifyAuditChainAction);
  const data = result.data;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="secondary" onClick={() => execute({})} disabled={isExecuting}>
        {isExecuting ? "Checking…" : "Verify the chain"}
      </Button>
      <p role="status" aria-live="polite" className="text-sm" data-testid="chain-status">
        {data &&
          (data.broken
            ? `Broken at event #${data.broken.seq}: ${data.broken.reason}.`
            : `All ${data.checked} events verified: the chain is intact.`)}
        {result.serverError}
      </p>
    </div>
  );
}
