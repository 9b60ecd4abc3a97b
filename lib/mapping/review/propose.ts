/**
 * Builds the four Map-step drafts from the inventory, staging and the destination schema.
 * Pure: the service around it loads the inputs and stores the results. A re-proposal keeps
 * what a person already decided for a mapping that still exists and still fits.
 */
import type { FsMetadata } from "@/lib/connectors/freshsales/metadata";
import type { FieldProfile } from "@/lib/inventory/types";
import { DEFAULT_ACCOUNT_NAME_POLICY } from "@/lib/mapping/account-names";
import { evidenceContext } from "@/lib/mapping/evidence-context";
import { draftResolution, resolveOwners, type OwnedCounts, type SourceUser } from "@/lib/mapping/owner-resolution";
import { proposeFieldMap } from "@/lib/mapping/propose-field-map";
import { DEFAULT_ROUTING_RULES } from "@/lib/mapping/routing-rules";
import type { DestinationField, FieldMapping } from "@/lib/mapping/schemas";
import { proposeStageMap, type SourcePipeline } from "@/lib/mapping/stage-map";
import { destinationFields, destinationOwners, destinationPipelines } from "./destination-schema";
import type { DraftData, FieldMapDraft, OwnersDraft, RoutingDraft } from "./schemas";

export interface ProposalInputs {
  profiles: FieldProfile[];
  metadata: FsMetadata;
  users: SourceUser[];
  ownedCounts: OwnedCounts;
  pipelines: SourcePipeline[];
}

export const DEFAULT_ROUTING: RoutingDraft = { rules: DEFAULT_ROUTING_RULES, existingRecords: "update", existingAccounts: "update", changeExistingOwner: false, duplicateEmails: "first_wins", accountNames: DEFAULT_ACCOUNT_NAME_POLICY };

/** A person's decision carried over, when its target still makes sense against the destination read now. */
function carryOver(previous: FieldMapping, proposed: FieldMapping, destination: DestinationField[]): FieldMapping {
  const d = previous.decision;
  const has = (name: string) => destination.some((f) => f.entity === previous.entity && f.name === name);
  if (d.kind === "field" && !has(d.field)) return proposed;
  if (d.kind === "create_custom_field" && has(d.spec.name)) {
    // The admin created the field since: map onto it rather than asking to create it again.
    return { ...previous, decision: { kind: "field", field: d.spec.name } };
  }
  return previous;
}

export function proposeFieldMapDraft(inputs: ProposalInputs, routing: RoutingDraft, previous?: FieldMapDraft): FieldMapDraft {
  const destination = destinationFields(inputs.metadata);
  const proposal = proposeFieldMap(inputs.profiles, destination, {
    leadTarget: routing.rules.contact.withoutCompany,
    noteTarget: routing.rules.activity.note.target,
    evidence: evidenceContext(inputs.profiles, inputs.users, inputs.pipelines),
  });
  const before = new Map((previous?.mappings ?? []).filter((m) => m.status !== "proposed").map((m) => [m.id, m]));
  const mappings = proposal.mappings.map((m) => {
    const kept = before.get(m.id);
    return kept ? carryOver(kept, m, destination) : m;
  });
  return { mappings, handledElsewhere: proposal.handledElsewhere };
}

export function proposeOwnersDraft(inputs: ProposalInputs, previous?: OwnersDraft): OwnersDraft {
  const owners = destinationOwners(inputs.metadata);
  const keepFallback = previous?.resolution.fallbackOwnerId ?? null;
  const fallback = keepFallback !== null && owners.some((o) => o.id === keepFallback && o.is_active) ? keepFallback : undefined;
  const report = resolveOwners(inputs.users, inputs.ownedCounts, owners, fallback);
  const resolution = draftResolution(report);
  // Confirmations survive a re-proposal only where the proposed owner is unchanged.
  for (const [id, entry] of Object.entries(resolution.owners)) {
    const old = previous?.resolution.owners[id];
    if (old?.confirmed && old.destinationOwnerId === entry.destinationOwnerId) entry.confirmed = true;
  }
  return { report: { rows: report.rows, fallbackOwnerId: report.fallbackOwnerId, summary: report.summary }, resolution };
}

export function buildProposals(inputs: ProposalInputs, previous: Partial<DraftData> = {}): DraftData {
  const routing = previous.routing ?? DEFAULT_ROUTING;
  return {
    routing,
    fieldMap: proposeFieldMapDraft(inputs, routing, previous.fieldMap),
    stageMap: proposeStageMap(inputs.pipelines, destinationPipelines(inputs.metadata)),
    owners: proposeOwnersDraft(inputs, previous.owners),
  };
}
