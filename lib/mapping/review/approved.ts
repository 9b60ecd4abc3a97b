/**
 * What the migration engine reads before it writes anything: the four Map-step artefacts,
 * each exactly as approved. Anything not approved, or changed since, stops the caller with a
 * message that names it. Dropdown choice lists are read from the latest destination snapshot
 * (see current-choices.ts): they describe Freshsales, not a decision the approval covers.
 */
import { OwnerNotConfirmedError, ownerFor } from "@/lib/mapping/owner-resolution";
import { getMigrationOrThrow } from "@/lib/gates/data";
import type { Db } from "@/lib/server/db";
import type { ApprovedMapping } from "@/lib/mapping/approved-mapping";
import { AppError } from "@/lib/server/errors";
import { withCurrentChoices } from "./current-choices";
import { loadSnapshot } from "./destination-client";
import { readDrafts, readLatestApprovals } from "./drafts";
import { DRAFT_KINDS, DRAFT_LABELS, type DraftData, type DraftKind } from "./schemas";

/** The approved drafts of the Map step, as the reviewer approved them (preflight judges these). */
export interface ApprovedDrafts {
  fieldMap: DraftData["fieldMap"];
  routing: DraftData["routing"];
  stageMap: DraftData["stageMap"];
  owners: DraftData["owners"];
  /** The approved version hash of each artefact. */
  versions: Record<DraftKind, string>;
}

export class MappingNotApprovedError extends AppError {
  constructor(readonly problems: { kind: DraftKind; problem: string }[]) {
    super(`The mapping is not approved: ${problems.map((p) => `${DRAFT_LABELS[p.kind]} ${p.problem}`).join("; ")}. Review and approve it on the Map step.`, 409, "mapping_not_approved");
  }
}

export async function loadApprovedMapping(db: Db, organizationId: string, migrationId: string): Promise<ApprovedDrafts> {
  await getMigrationOrThrow(db, organizationId, migrationId);
  const [drafts, approvals, snapshot] = await Promise.all([readDrafts(db, migrationId), readLatestApprovals(db, migrationId), loadSnapshot(db, migrationId)]);
  const problems: { kind: DraftKind; problem: string }[] = [];
  const versions = {} as Record<DraftKind, string>;
  for (const kind of DRAFT_KINDS) {
    const draft = drafts[kind];
    const approval = approvals[kind];
    if (!draft) problems.push({ kind, problem: "is not proposed yet" });
    else if (!approval) problems.push({ kind, problem: "is not approved" });
    else if (approval.withdrawnAt || approval.versionHash !== draft.versionHash) {
      problems.push({ kind, problem: `was approved by ${approval.approvedBy} on ${approval.approvedAt.toISOString().slice(0, 10)} but has changed since` });
    } else versions[kind] = approval.versionHash;
  }
  if (problems.length > 0) throw new MappingNotApprovedError(problems);
  const fieldMap = drafts.fieldMap!.data;
  return {
    fieldMap: snapshot ? { ...fieldMap, mappings: withCurrentChoices(fieldMap.mappings, snapshot.metadata) } : fieldMap,
    routing: drafts.routing!.data,
    stageMap: drafts.stageMap!.data,
    owners: drafts.owners!.data,
    versions,
  };
}

export class OwnerNotApprovedError extends AppError {
  constructor(message: string) {
    super(message, 409, "owner_not_confirmed");
  }
}

/**
 * The Freshsales owner id for a record owned by `sourceOwnerId` (null: no owner), per the
 * approved owner resolution; throws when that owner is not confirmed, so the record is not written.
 */
export function assertOwnerConfirmed(approved: Pick<ApprovedDrafts, "owners">, sourceOwnerId: string | null | undefined): string | number {
  try {
    return ownerFor(sourceOwnerId, approved.owners.resolution);
  } catch (e) {
    if (e instanceof OwnerNotConfirmedError) throw new OwnerNotApprovedError(`Owner not confirmed: ${e.message}`);
    throw e;
  }
}

/** The approved drafts in the one shape the later steps read (lib/mapping/approved-mapping.ts). */
export function toApprovedMapping(approved: ApprovedDrafts): ApprovedMapping {
  return { fieldMap: approved.fieldMap.mappings, routing: approved.routing.rules, stageMap: approved.stageMap, owners: approved.owners.resolution, accountNames: approved.routing.accountNames, duplicateEmails: approved.routing.duplicateEmails, versions: approved.versions };
}
