import { assertAdmin } from "@/lib/server/roles";
/**
 * Approving one exact version of a Map-step artefact. The server decides what may be approved
 * (never only the UI): the caller is an admin, the "map" gate is reachable, the version is the
 * current one, and the artefact is complete enough to act on. Four approvals complete "map".
 */
import { appendAudit } from "@/lib/audit/audit-log";
import { isFullyReviewed } from "@/lib/mapping/edit-field-map";
import { completeGate, assertGateReachable } from "@/lib/gates/gate-service";
import type { Db } from "@/lib/server/db";
import { AppError, ConflictError } from "@/lib/server/errors";
import { isToCreate, type DestinationPipeline } from "@/lib/mapping/stage-map";
import { stagePipelineProblems } from "@/lib/mapping/stage-map-validation";
import { destinationPipelines } from "./destination-schema";
import { loadSnapshot } from "./destination-client";
import { lockMapping, readDrafts } from "./drafts";
import { DRAFT_KINDS, DRAFT_LABELS, type DraftData, type DraftKind } from "./schemas";

export interface ReviewUser {
  id: string;
  email: string;
  role: string;
  organizationId: string;
}

export { assertAdmin };

/** Admin, own organisation's migration, and the Map step open (or done). */
export async function assertCanReview(db: Db, user: ReviewUser, migrationId: string) {
  assertAdmin(user);
  return assertGateReachable(db, user.organizationId, migrationId, "map");
}

/**
 * Why this version cannot be approved yet, in words the admin can act on; empty when it can.
 * `pipelines`: Freshsales' pipelines as last read, which a stage map is checked against.
 */
export function approvalProblems<K extends DraftKind>(kind: K, data: DraftData[K], pipelines?: readonly DestinationPipeline[]): string[] {
  if (kind === "fieldMap") {
    const { mappings } = data as DraftData["fieldMap"];
    const open = mappings.filter((m) => m.status === "proposed").length;
    return isFullyReviewed(mappings) ? [] : [`${open} field ${open === 1 ? "mapping is" : "mappings are"} still undecided`];
  }
  if (kind === "stageMap") {
    const stageMap = data as DraftData["stageMap"];
    const out: string[] = [];
    for (const p of stageMap.pipelines) {
      // A pipeline to create is approved as such: the preflight lists it until the admin has created it.
      if (isToCreate(p)) continue;
      for (const s of p.stages) {
        if (s.destinationStageId === null) out.push(`stage "${p.sourcePipelineName} / ${s.sourceStageName}" has no Freshsales stage`);
        else if (s.needsReview) out.push(`stage "${p.sourcePipelineName} / ${s.sourceStageName}" is a closest match still to review`);
      }
    }
    if (pipelines) out.push(...stagePipelineProblems(stageMap, pipelines));
    return out;
  }
  if (kind === "owners") {
    const { report, resolution } = data as DraftData["owners"];
    const out: string[] = [];
    for (const r of report.rows) {
      const entry = resolution.owners[r.sourceUserId];
      if (r.totalOwned > 0 && !entry?.confirmed) out.push(`owner ${r.email ?? r.name} (${r.totalOwned} records) is not confirmed`);
      if (entry?.confirmed && entry.destinationOwnerId === null && resolution.fallbackOwnerId === null) {
        out.push(`${r.email ?? r.name} goes to the fallback owner, and none is chosen`);
      }
    }
    return out;
  }
  return [];
}

export interface ApproveResult {
  approvalId: string;
  mapGateCompleted: boolean;
}

export async function approveDraft(db: Db, user: ReviewUser, migrationId: string, kind: DraftKind, versionHash: string): Promise<ApproveResult> {
  await assertCanReview(db, user, migrationId);
  // The stage map is checked against Freshsales as last read: a stage must belong to its pipeline's target.
  const snapshot = kind === "stageMap" ? await loadSnapshot(db, migrationId) : null;
  const destination = snapshot ? destinationPipelines(snapshot.metadata) : undefined;
  const { approvalId, allApproved } = await db.$transaction(async (tx) => {
    await lockMapping(tx, migrationId);
    const drafts = await readDrafts(tx, migrationId);
    const draft = drafts[kind];
    if (!draft) throw new AppError(`There is no ${DRAFT_LABELS[kind].toLowerCase()} to approve yet: open the Map step to propose one.`, 409, "no_draft");
    if (draft.versionHash !== versionHash) {
      throw new ConflictError(`That version of the ${DRAFT_LABELS[kind].toLowerCase()} is no longer current. Review the current version and approve it.`);
    }
    const problems = approvalProblems(kind, draft.data as DraftData[typeof kind], kind === "stageMap" ? destination : undefined);
    if (problems.length > 0) {
      const more = problems.length > 5 ? ` and ${problems.length - 5} more` : "";
      throw new AppError(`The ${DRAFT_LABELS[kind].toLowerCase()} cannot be approved yet: ${problems.slice(0, 5).join("; ")}${more}.`, 409, "not_ready");
    }
    const active = await tx.approval.findMany({ where: { migrationId, kind, withdrawnAt: null } });
    let id = active.find((a) => a.versionHash === versionHash)?.id;
    if (!id) {
      const stale = active.map((a) => a.id);
      if (stale.length > 0) await tx.approval.updateMany({ where: { id: { in: stale } }, data: { withdrawnAt: new Date() } });
      id = (await tx.approval.create({ data: { migrationId, kind, versionHash, approvedById: user.id, approvedBy: user.email } })).id;
      await appendAudit(tx, { organizationId: user.organizationId, migrationId, actor: user, action: `mapping.${kind}.approved`, detail: { versionHash } });
    }
    const approvals = await tx.approval.findMany({ where: { migrationId, kind: { in: [...DRAFT_KINDS] }, withdrawnAt: null } });
    const all = DRAFT_KINDS.every((k) => approvals.some((a) => a.kind === k && a.versionHash === drafts[k]?.versionHash));
    return { approvalId: id, allApproved: all };
  });
  if (allApproved) await completeGate(db, user.organizationId, migrationId, "map", user);
  return { approvalId, mapGateCompleted: allApproved };
}
