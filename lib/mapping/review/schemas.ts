/**
 * The Map step's stored artefacts and what the review screen may send. Each artefact is one
 * `MappingDraft` row (kind below) whose `versionHash` an approval records.
 */
import { z } from "zod";
import { fieldMappingEditSchema, fieldMapSchema } from "@/lib/mapping/schemas";
import { confirmedOwnerResolutionSchema } from "@/lib/mapping/owner-resolution";
import { accountNamePolicySchema, DEFAULT_ACCOUNT_NAME_POLICY } from "@/lib/mapping/account-names";
import { duplicateEmailPolicySchema, existingRecordPolicySchema } from "@/lib/mapping/record-policies";
import { routingRulesSchema } from "@/lib/mapping/routing-rules";
import { FORECAST_CATEGORIES, stageMapSchema } from "@/lib/mapping/stage-map";

export const DRAFT_KINDS = ["fieldMap", "routing", "stageMap", "owners"] as const;
export const draftKindSchema = z.enum(DRAFT_KINDS);
export type DraftKind = z.infer<typeof draftKindSchema>;

export const DRAFT_LABELS: Record<DraftKind, string> = {
  fieldMap: "Field map",
  routing: "Object routing",
  stageMap: "Stage map",
  owners: "Owner resolution",
};

const handledElsewhereSchema = z.object({
  object: z.string(),
  path: z.string(),
  handledBy: z.enum(["owner_resolution", "stage_map", "routing"]),
  reason: z.string(),
});

export const fieldMapDraftSchema = z.object({ mappings: fieldMapSchema, handledElsewhere: z.array(handledElsewhereSchema) });
export type FieldMapDraft = z.infer<typeof fieldMapDraftSchema>;

/** Routing rules plus the record policies the admin chooses before the run. */
export const routingDraftSchema = z.object({
  rules: routingRulesSchema,
  /** A destination contact with the source contact's email: update it, fill its empty fields, or skip the source record. */
  existingRecords: existingRecordPolicySchema,
  /** A destination account with the source company's name: the same choices. Older drafts: update. */
  existingAccounts: existingRecordPolicySchema.default("update"),
  /** Whether updating an existing record may change its owner (off: the owner is kept). */
  changeExistingOwner: z.boolean().default(false),
  /** Two source contacts with one email: first wins (the rest skipped), merge into one, or keep apart (later ones without the email). */
  duplicateEmails: duplicateEmailPolicySchema,
  /**
   * Source companies sharing a name (Freshsales keeps account names unique): suffix the later
   * ones with their city or source id, or migrate the first only. Drafts stored before the
   * policy existed read as the default.
   */
  accountNames: accountNamePolicySchema.default(DEFAULT_ACCOUNT_NAME_POLICY),
});
export type RoutingDraft = z.infer<typeof routingDraftSchema>;

export const stageMapDraftSchema = stageMapSchema;
export type StageMapDraft = z.infer<typeof stageMapDraftSchema>;

const ownerIdSchema = z.union([z.string().min(1), z.number().int()]);
export const ownerRowSchema = z.object({
  sourceUserId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  ownedRecords: z.record(z.string(), z.number()),
  totalOwned: z.number(),
  status: z.enum(["matched", "unmatched", "new_user_required", "inactive"]),
  proposedOwnerId: ownerIdSchema.nullable(),
  proposedOwnerEmail: z.string().nullable(),
  reason: z.string(),
});
export const ownersDraftSchema = z.object({
  report: z.object({
    rows: z.array(ownerRowSchema),
    fallbackOwnerId: ownerIdSchema.nullable(),
    summary: z.record(z.string(), z.number()),
  }),
  resolution: confirmedOwnerResolutionSchema,
});
export type OwnersDraft = z.infer<typeof ownersDraftSchema>;

export const draftSchemas = {
  fieldMap: fieldMapDraftSchema,
  routing: routingDraftSchema,
  stageMap: stageMapDraftSchema,
  owners: ownersDraftSchema,
} as const;

export interface DraftData {
  fieldMap: FieldMapDraft;
  routing: RoutingDraft;
  stageMap: StageMapDraft;
  owners: OwnersDraft;
}

// ---- Inputs of the review screen's actions ----

const migrationId = z.string().min(1).max(64);
/** The hash the screen was showing: an edit made on a stale copy is refused, not merged blindly. */
const expectedHash = z.string().min(1).max(128).optional();

export const migrationInput = z.object({ migrationId });

export const editFieldMapInput = z.object({
  migrationId,
  expectedHash,
  edits: z.array(fieldMappingEditSchema).min(1).max(5000),
});

export const acceptHighConfidenceInput = z.object({
  migrationId,
  expectedHash,
  minConfidence: z.number().min(0.9).max(1).default(0.9),
  /** Only these mappings (the filtered view), or all when absent. */
  ids: z.array(z.string()).max(5000).optional(),
});

export const saveRoutingInput = z.object({ migrationId, expectedHash, routing: routingDraftSchema });

export const stageEditSchema = z.object({
  sourcePipelineId: z.string(),
  /** Absent: the edit is about the pipeline itself. */
  sourceStageId: z.string().optional(),
  /** null: the pipeline is to be created in Freshsales, with the source's stages. */
  destinationPipelineId: z.union([z.string(), z.number()]).nullable().optional(),
  destinationStageId: z.union([z.string(), z.number()]).nullable().optional(),
  probability: z.number().min(0).max(100).nullable().optional(),
  forecastCategory: z.enum(FORECAST_CATEGORIES).optional(),
  /** Confirms a closest match as it is. */
  reviewed: z.boolean().optional(),
});
export type StageEdit = z.infer<typeof stageEditSchema>;
export const editStageMapInput = z.object({ migrationId, expectedHash, edits: z.array(stageEditSchema).min(1).max(1000) });

export const ownerEditSchema = z.object({
  sourceUserId: z.string(),
  destinationOwnerId: ownerIdSchema.nullable().optional(),
  confirmed: z.boolean().optional(),
});
export const editOwnersInput = z.object({
  migrationId,
  expectedHash,
  fallbackOwnerId: ownerIdSchema.nullable().optional(),
  edits: z.array(ownerEditSchema).max(5000).default([]),
  /** Confirms every row as currently resolved (matched user, or the fallback). */
  confirmAll: z.boolean().optional(),
});

export const approveInput = z.object({ migrationId, kind: draftKindSchema, versionHash: z.string().min(1).max(128) });

