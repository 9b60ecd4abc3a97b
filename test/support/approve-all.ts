/** Test support: what an admin does on the Map screen to approve all four artefacts. */
import { db } from "@/lib/server/db";
import { approveDraft, type ReviewUser } from "../../lib/mapping/review/approvals";
import { loadSnapshot } from "../../lib/mapping/review/destination-client";
import { readDrafts } from "../../lib/mapping/review/drafts";
import { acceptHighConfidence, editFieldMap, editOwners, editStageMap } from "../../lib/mapping/review/review-service";
import { DRAFT_KINDS } from "../../lib/mapping/review/schemas";

export async function reviewEverything(admin: ReviewUser, migrationId: string): Promise<void> {
  await acceptHighConfidence(db(), admin, migrationId, 0.9);
  const drafts = await readDrafts(db(), migrationId);
  const open = drafts.fieldMap!.data.mappings.filter((m) => m.status === "proposed");
  if (open.length > 0) await editFieldMap(db(), admin, migrationId, open.map((m) => ({ id: m.id, status: "accepted" as const })));
  const flagged = drafts.stageMap!.data.pipelines.flatMap((p) => p.stages.filter((s) => s.needsReview).map((s) => ({ sourcePipelineId: p.sourcePipelineId, sourceStageId: s.sourceStageId, reviewed: true })));
  if (flagged.length > 0) await editStageMap(db(), admin, migrationId, flagged);
  const snapshot = await loadSnapshot(db(), migrationId);
  const fallback = snapshot!.metadata.owners.find((o) => o.active);
  await editOwners(db(), admin, migrationId, { fallbackOwnerId: fallback!.id, edits: [], confirmAll: true });
}

export async function approveEverything(admin: ReviewUser, migrationId: string): Promise<void> {
  await reviewEverything(admin, migrationId);
  const drafts = await readDrafts(db(), migrationId);
  for (const kind of DRAFT_KINDS) await approveDraft(db(), admin, migrationId, kind, drafts[kind]!.versionHash);
}
