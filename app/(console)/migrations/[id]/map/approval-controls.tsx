"use client";

import { useAction } from "next-safe-action/hooks";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { approveMappingAction } from "@/lib/mapping/review/actions";
import type { ApprovalState } from "@/lib/mapping/review/review-view";
import { DRAFT_LABELS, type DraftKind } from "@/lib/mapping/review/schemas";
import { useMapCallbacks, useMapSaving } from "./map-query";

export function ApprovalBadge({ state }: { state: ApprovalState }) {
  if (state.state === "approved") {
    return <Badge tone="success">Approved by {state.approvedBy} on {state.approvedAt?.slice(0, 10)}</Badge>;
  }
  if (state.state === "withdrawn") return <Badge tone="warning">Changed since its approval: approve again</Badge>;
  return <Badge tone="neutral">Not approved</Badge>;
}

/** Approves exactly the version on screen: the server refuses it if it changed meanwhile. */
export function ApproveButton({ migrationId, kind, versionHash, state, canEdit, blockers }: {
  migrationId: string;
  kind: DraftKind;
  versionHash: string | undefined;
  state: ApprovalState;
  canEdit: boolean;
  /** Why it cannot be approved yet (shown next to the button); the server checks the same. */
  blockers?: string;
}) {
  const { execute, isExecuting } = useAction(approveMappingAction, useMapCallbacks(migrationId, `${DRAFT_LABELS[kind]} approved`));
  const saving = useMapSaving(migrationId);
  const label = DRAFT_LABELS[kind].toLowerCase();
  return (
    <div className="flex flex-wrap items-center gap-3" data-testid={`approval-${kind}`}>
      <span role="status" aria-live="polite">
        <ApprovalBadge state={state} />
      </span>
      {canEdit && state.state !== "approved" && (
        <Button onClick={() => versionHash && execute({ migrationId, kind, versionHash })} disabled={isExecuting || saving || !versionHash}>
          {isExecuting ? "Approving…" : saving ? "Saving changes…" : `Approve ${label}`}
        </Button>
      )}
      {canEdit && blockers && state.state !== "approved" && <span className="text-sm text-amber-800 dark:text-amber-300">{blockers}</span>}
      {versionHash && <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400" title="Version being approved">v {versionHash.slice(0, 10)}</span>}
    </div>
  );
}
