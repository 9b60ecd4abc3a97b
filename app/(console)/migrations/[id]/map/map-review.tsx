"use client";

import { useAction } from "next-safe-action/hooks";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { reproposeMapAction } from "@/lib/mapping/review/actions";
import type { MapReviewView } from "@/lib/mapping/review/review-view";
import { DRAFT_KINDS, DRAFT_LABELS } from "@/lib/mapping/review/schemas";
import { ApprovalBadge } from "./approval-controls";
import { FieldMapSection } from "./field-map-section";
import { useMapCallbacks, useMapReview } from "./map-query";
import { OwnersSection } from "./owners-section";
import { RoutingSection } from "./routing-section";
import { StageMapSection } from "./stage-map-section";

export function MapReview({ migrationId, initial, canEdit, gateDone, proposeError }: {
  migrationId: string;
  initial: MapReviewView;
  canEdit: boolean;
  gateDone: boolean;
  proposeError: string | null;
}) {
  const { data } = useMapReview(migrationId, initial);
  const repropose = useAction(reproposeMapAction, useMapCallbacks(migrationId, "Proposals refreshed from Freshsales"));
  const approvedCount = DRAFT_KINDS.filter((k) => data.approvals[k].state === "approved").length;
  const props = { migrationId, view: data, canEdit };
  return (
    <div className="space-y-6">
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h2 className="text-lg font-semibold">Map</h2>
            <p className="mt-1 max-w-2xl text-sm text-zinc-600 dark:text-zinc-400">
              The engine proposes; nothing moves until an admin approves each part. Every approval covers one exact version: a later change withdraws it.
            </p>
            <p className="mt-2 text-sm" role="status" data-testid="map-status">
              {gateDone ? "All four parts are approved: the Map step is done." : `${approvedCount} of 4 parts approved.`}
              {data.destination.fetchedAt && <span className="text-zinc-600 dark:text-zinc-400"> Freshsales schema read {`${data.destination.fetchedAt.slice(0, 16).replace("T", " ")} UTC`}.</span>}
            </p>
          </div>
          {canEdit && (
            <Button variant="secondary" onClick={() => repropose.execute({ migrationId })} disabled={repropose.isExecuting}>
              {repropose.isExecuting ? "Reading Freshsales…" : "Re-propose"}
            </Button>
          )}
        </div>
        {proposeError && (
          <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
            {proposeError}
          </p>
        )}
        {!canEdit && <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">Only an admin can change or approve the map; you can review it here.</p>}
        <ul className="mt-4 grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
          {DRAFT_KINDS.map((k) => (
            <li key={k} className="rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
              <a href={`#${k}`} className="font-medium underline">{DRAFT_LABELS[k]}</a>
              <div className="mt-1">
                <ApprovalBadge state={data.approvals[k]} />
              </div>
            </li>
          ))}
        </ul>
      </Card>
      {!data.drafts.fieldMap && !canEdit && (
        <Card>
          <p className="text-sm">Nothing is proposed yet: the map is proposed when an admin opens this step.</p>
        </Card>
      )}
      {data.drafts.fieldMap && <FieldMapSection {...props} />}
      {data.drafts.routing && <RoutingSection {...props} />}
      {data.drafts.stageMap && <StageMapSection {...props} />}
      {data.drafts.owners && <OwnersSection {...props} />}
    </div>
  );
}

export interface SectionProps {
  migrationId: string;
  view: MapReviewView;
  canEdit: boolean;
}
