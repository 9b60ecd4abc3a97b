/**
 * The Map step's writes: proposing the drafts and the admin's edits. Every function checks the
 * role and the gate itself and goes through `saveDrafts`, so an edit after approval withdraws it.
 */
import { loadCorrections, saveCorrections } from "@/lib/mapping/correction-store";
import { evidenceContext } from "@/lib/mapping/evidence-context";
import { applyFieldMapEdits, FieldMapEditError } from "@/lib/mapping/edit-field-map";
import { correctionsFrom, offerCorrections } from "@/lib/mapping/learned-corrections";
import { llmConfigFromEnv, refineWithLlm } from "@/lib/mapping/llm-refine";
import type { FieldMapping, FieldMappingEdit } from "@/lib/mapping/schemas";
import type { Db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { AppError, ValidationError } from "@/lib/server/errors";
import { logger } from "@/lib/server/logger";
import { assertCanReview, type ReviewUser } from "./approvals";
import { destinationFields, destinationOwners } from "./destination-schema";
import { loadSnapshot, refreshSnapshot } from "./destination-client";
import { readDrafts, saveDrafts, type StoredDraft } from "./drafts";
import { buildProposals } from "./propose";
import type { DraftData, DraftKind, RoutingDraft, StageEdit } from "./schemas";
import { applyStageEdits } from "./stage-edits";
import { loadOwnedCounts, loadProfiles, loadSourcePipelines, loadSourceUsers } from "./source-data";

const ctxFor = (user: ReviewUser, migrationId: string, action: string, expectedHash?: string, detail?: Record<string, unknown>) => ({
  organizationId: user.organizationId,
  migrationId,
  actor: user,
  action,
  ...(expectedHash !== undefined ? { expectedHash } : {}),
  ...(detail ? { detail } : {}),
});

/** Reads the destination again and proposes all four drafts, keeping decisions a person already made. */
export async function proposeAll(db: Db, user: ReviewUser, migrationId: string, options: { fetchImpl?: typeof fetch } = {}): Promise<DraftKind[]> {
  await assertCanReview(db, user, migrationId);
  const profiles = await loadProfiles(db, migrationId);
  const { metadata } = await refreshSnapshot(db, user.organizationId, migrationId);
  const [users, ownedCounts, pipelines, current] = await Promise.all([
    loadSourceUsers(db, migrationId),
    loadOwnedCounts(db, migrationId),
    loadSourcePipelines(db, migrationId),
    readDrafts(db, migrationId),
  ]);
  const previous: Partial<DraftData> = {};
  for (const [k, d] of Object.entries(current) as [DraftKind, StoredDraft][]) (previous as Record<string, unknown>)[k] = d.data;
  const proposals = buildProposals({ profiles, metadata, users, ownedCounts, pipelines }, previous);
  // What this organisation's reviewers corrected in its earlier migrations is offered first.
  const learned = await loadCorrections(db, user.organizationId, migrationId);
  proposals.fieldMap = { ...proposals.fieldMap, mappings: offerCorrections(proposals.fieldMap.mappings, learned, profiles, destinationFields(metadata)) };
  const e = env();
  const llm = llmConfigFromEnv({ MAPPING_LLM_BASE_URL: e.MAPPING_LLM_BASE_URL, MAPPING_LLM_API_KEY: e.MAPPING_LLM_API_KEY, MAPPING_LLM_MODEL: e.MAPPING_LLM_MODEL });
  if (llm) {
    const refined = await refineWithLlm(proposals.fieldMap.mappings, profiles, destinationFields(metadata), llm, options.fetchImpl, evidenceContext(profiles, users, pipelines));
    proposals.fieldMap = { ...proposals.fieldMap, mappings: refined.mappings };
    logger.info({ migrationId, adjusted: refined.adjusted.length, ignored: refined.ignored.length }, "field map refined by the language model");
  }
  return saveDrafts(db, ctxFor(user, migrationId, "proposed"), proposals);
}

/** The current drafts, proposing them first when the Map step opens for the first time. */
export async function ensureProposed(db: Db, user: ReviewUser, migrationId: string): Promise<void> {
  const drafts = await readDrafts(db, migrationId);
  if (drafts.fieldMap && drafts.routing && drafts.stageMap && drafts.owners) return;
  await proposeAll(db, user, migrationId);
}

async function draftOrThrow<K extends DraftKind>(db: Db, migrationId: string, kind: K): Promise<StoredDraft<K>> {
  const d = (await readDrafts(db, migrationId, [kind]))[kind];
  if (!d) throw new AppError("Nothing is proposed yet: open the Map step first.", 409, "no_draft");
  return d as StoredDraft<K>;
}

async function destinationOf(db: Db, migrationId: string) {
  const snap = await loadSnapshot(db, migrationId);
  if (!snap) throw new AppError("The Freshsales schema has not been read yet: re-propose the map.", 409, "no_snapshot");
  return snap.metadata;
}

/**
 * What an edit changed, so the page patches its copy of the map instead of loading all of it
 * again (500 source fields are ~100 KB): the edited mappings, the field map's new hash, and the
 * approvals the edit withdrew (then the page does reload: the step bar changed).
 */
export interface FieldMapPatch {
  mappings: FieldMapping[];
  versionHash: string;
  withdrawn: DraftKind[];
}

export async function editFieldMap(db: Db, user: ReviewUser, migrationId: string, edits: FieldMappingEdit[], expectedHash?: string): Promise<FieldMapPatch> {
  await assertCanReview(db, user, migrationId);
  const draft = await draftOrThrow(db, migrationId, "fieldMap");
  const metadata = await destinationOf(db, migrationId);
  let mappings;
  try {
    mappings = applyFieldMapEdits(draft.data.mappings, edits, destinationFields(metadata));
  } catch (e) {
    if (e instanceof FieldMapEditError) throw new ValidationError(e.message);
    throw e;
  }
  const withdrawn = await saveDrafts(db, ctxFor(user, migrationId, "edited", expectedHash ?? draft.versionHash, { mappings: edits.map((x) => x.id).slice(0, 50) }), {
    fieldMap: { ...draft.data, mappings },
  });
  await saveCorrections(db, user.organizationId, correctionsFrom(draft.data.mappings, mappings, migrationId), user.id);
  const ids = new Set(edits.map((e) => e.id));
  const saved = await db.mappingDraft.findUniqueOrThrow({ where: { migrationId_kind: { migrationId, kind: "fieldMap" } }, select: { versionHash: true } });
  return { mappings: mappings.filter((m) => ids.has(m.id)), versionHash: saved.versionHash, withdrawn };
}

/** Accepts every still-proposed mapping at or above `minConfidence` (0.9 at least). */
export async function acceptHighConfidence(db: Db, user: ReviewUser, migrationId: string, minConfidence: number, ids?: string[], expectedHash?: string): Promise<number> {
  await assertCanReview(db, user, migrationId);
  const draft = await draftOrThrow(db, migrationId, "fieldMap");
  const only = ids ? new Set(ids) : null;
  let accepted = 0;
  const mappings = draft.data.mappings.map((m) => {
    if (m.status !== "proposed" || m.confidence < Math.max(0.9, minConfidence) || (only && !only.has(m.id))) return m;
    accepted++;
    return { ...m, status: "accepted" as const };
  });
  if (accepted > 0) {
    await saveDrafts(db, ctxFor(user, migrationId, "bulk_accepted", expectedHash ?? draft.versionHash, { accepted, minConfidence }), { fieldMap: { ...draft.data, mappings } });
  }
  return accepted;
}

/** Routing rules and record policies. A change of lead or note target changes which entities the field map covers, so it is re-proposed too. */
export async function saveRouting(db: Db, user: ReviewUser, migrationId: string, routing: RoutingDraft, expectedHash?: string): Promise<void> {
  await assertCanReview(db, user, migrationId);
  const draft = await draftOrThrow(db, migrationId, "routing");
  // The record policies decide what lands in Freshsales under which name: the audit says which changed, from what to what.
  const policies = (["existingRecords", "existingAccounts", "changeExistingOwner", "duplicateEmails", "accountNames"] as const).filter((k) => draft.data[k] !== routing[k]);
  const detail = policies.length > 0 ? { policies: Object.fromEntries(policies.map((k) => [k, { from: draft.data[k], to: routing[k] }])) } : undefined;
  await saveDrafts(db, ctxFor(user, migrationId, "edited", expectedHash ?? draft.versionHash, detail), { routing });
  const before = draft.data.rules;
  if (before.contact.withoutCompany !== routing.rules.contact.withoutCompany || before.activity.note.target !== routing.rules.activity.note.target) {
    await proposeAll(db, user, migrationId);
  }
}

export async function editStageMap(db: Db, user: ReviewUser, migrationId: string, edits: StageEdit[], expectedHash?: string): Promise<void> {
  await assertCanReview(db, user, migrationId);
  const draft = await draftOrThrow(db, migrationId, "stageMap");
  const metadata = await destinationOf(db, migrationId);
  const next = applyStageEdits(draft.data, edits, metadata.pipelines, user.email);
  await saveDrafts(db, ctxFor(user, migrationId, "edited", expectedHash ?? draft.versionHash), { stageMap: next });
}

export interface OwnerEdits {
  fallbackOwnerId?: string | number | null;
  edits: { sourceUserId: string; destinationOwnerId?: string | number | null; confirmed?: boolean }[];
  confirmAll?: boolean;
}

export async function editOwners(db: Db, user: ReviewUser, migrationId: string, input: OwnerEdits, expectedHash?: string): Promise<void> {
  await assertCanReview(db, user, migrationId);
  const draft = await draftOrThrow(db, migrationId, "owners");
  const metadata = await destinationOf(db, migrationId);
  const active = new Map(destinationOwners(metadata).filter((o) => o.is_active).map((o) => [String(o.id), o]));
  const checkOwner = (id: string | number | null | undefined, what: string) => {
    if (id !== null && id !== undefined && !active.has(String(id))) throw new ValidationError(`${what}: Freshsales user ${id} is not an active user`);
  };
  const resolution = structuredClone(draft.data.resolution);
  if (input.fallbackOwnerId !== undefined) {
    checkOwner(input.fallbackOwnerId, "Fallback owner");
    resolution.fallbackOwnerId = input.fallbackOwnerId;
  }
  for (const e of input.edits) {
    const entry = resolution.owners[e.sourceUserId];
    if (!entry) throw new ValidationError(`Unknown source user ${e.sourceUserId}`);
    if (e.destinationOwnerId !== undefined) {
      checkOwner(e.destinationOwnerId, `Owner of ${e.sourceUserId}`);
      entry.destinationOwnerId = e.destinationOwnerId;
    }
    if (e.confirmed !== undefined) entry.confirmed = e.confirmed;
  }
  if (input.confirmAll) for (const entry of Object.values(resolution.owners)) entry.confirmed = true;
  const fallback = resolution.fallbackOwnerId === null ? undefined : active.get(String(resolution.fallbackOwnerId));
  const rows = draft.data.report.rows.map((r) => {
    const entry = resolution.owners[r.sourceUserId];
    const chosen = entry?.destinationOwnerId ?? null;
    const owner = chosen !== null ? active.get(String(chosen)) : fallback;
    return { ...r, proposedOwnerId: owner?.id ?? null, proposedOwnerEmail: owner?.email ?? null };
  });
  await saveDrafts(db, ctxFor(user, migrationId, "edited", expectedHash ?? draft.versionHash), {
    owners: { report: { ...draft.data.report, rows, fallbackOwnerId: resolution.fallbackOwnerId }, resolution },
  });
}
