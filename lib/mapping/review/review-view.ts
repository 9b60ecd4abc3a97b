/**
 * What the Map screen shows: the four drafts with their hashes, each one's approval state, and
 * the destination as last read (fields for the target picker, users, pipelines). Plain JSON, so
 * the GET route and the page share it.
 */
import type { FsPipeline } from "@/lib/connectors/freshsales/metadata";
import type { DestinationField } from "@/lib/mapping/schemas";
import { getMigrationOrThrow } from "@/lib/gates/data";
import type { Db } from "@/lib/server/db";
import { destinationFields } from "./destination-schema";
import { loadSnapshot } from "./destination-client";
import { readDrafts, readLatestApprovals } from "./drafts";
import { DRAFT_KINDS, type DraftData, type DraftKind } from "./schemas";

export interface ApprovalState {
  /** "approved": of the current version; "withdrawn": an earlier version was approved, then it changed. */
  state: "none" | "approved" | "withdrawn";
  approvedBy?: string;
  approvedAt?: string;
  withdrawnAt?: string;
}

export interface MapReviewView {
  migrationId: string;
  drafts: { [K in DraftKind]?: { data: DraftData[K]; versionHash: string; updatedAt: string } };
  approvals: Record<DraftKind, ApprovalState>;
  destination: {
    fetchedAt: string | null;
    fields: DestinationField[];
    owners: { id: number; name: string; email: string | null; active: boolean }[];
    pipelines: FsPipeline[];
  };
}

export async function getMapReview(db: Db, organizationId: string, migrationId: string): Promise<MapReviewView> {
  await getMigrationOrThrow(db, organizationId, migrationId);
  const [drafts, approvals, snapshot] = await Promise.all([readDrafts(db, migrationId), readLatestApprovals(db, migrationId), loadSnapshot(db, migrationId)]);
  const view: MapReviewView = {
    migrationId,
    drafts: {},
    approvals: {} as Record<DraftKind, ApprovalState>,
    destination: {
      fetchedAt: snapshot?.fetchedAt.toISOString() ?? null,
      fields: snapshot ? destinationFields(snapshot.metadata) : [],
      owners: (snapshot?.metadata.owners ?? []).map((o) => ({ id: o.id, name: o.name, email: o.email ?? null, active: o.active })),
      pipelines: snapshot?.metadata.pipelines ?? [],
    },
  };
  for (const kind of DRAFT_KINDS) {
    const d = drafts[kind];
    if (d) (view.drafts as Record<string, unknown>)[kind] = { data: d.data, versionHash: d.versionHash, updatedAt: d.updatedAt.toISOString() };
    const a = approvals[kind];
    const current = a && !a.withdrawnAt && a.versionHash === d?.versionHash;
    view.approvals[kind] = !a
      ? { state: "none" }
      : { state: current ? "approved" : "withdrawn", approvedBy: a.approvedBy, approvedAt: a.approvedAt.toISOString(), ...(a.withdrawnAt ? { withdrawnAt: a.withdrawnAt.toISOString() } : {}) };
  }
  return view;
}
