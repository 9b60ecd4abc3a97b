/**
 * The mapping engine's data: the destination schema as the project sees it, field mappings,
 * value-transform specs. Everything an admin can edit has a zod schema here, so the server can
 * validate an edited map before it records an approval of one exact version of it.
 */
import { z } from "zod";
import { FRESHSALES_FIELD_TYPES, SOURCE_OBJECTS } from "@/lib/inventory/types";

export const DESTINATION_ENTITIES = [
  "contacts",
  "sales_accounts",
  "deals",
  "leads",
  "tasks",
  "appointments",
  "notes",
  "products",
] as const;
export const destinationEntitySchema = z.enum(DESTINATION_ENTITIES);
export type DestinationEntity = z.infer<typeof destinationEntitySchema>;

export const sourceObjectSchema = z.enum(SOURCE_OBJECTS);
export const freshsalesFieldTypeSchema = z.enum(FRESHSALES_FIELD_TYPES);

/** "lookup" covers id-valued relations (owner_id, sales_account_id...) that only system handling fills. */
export const destinationFieldTypeSchema = z.enum([...FRESHSALES_FIELD_TYPES, "lookup"]);
export type DestinationFieldType = z.infer<typeof destinationFieldTypeSchema>;

export const destinationFieldSchema = z.object({
  entity: destinationEntitySchema,
  name: z.string().min(1),
  label: z.string(),
  type: destinationFieldTypeSchema,
  required: z.boolean(),
  isCustom: z.boolean(),
  choices: z.array(z.string()).optional(),
  /** Character limit where the destination enforces one (text 255 when unknown). */
  maxLength: z.number().int().positive().optional(),
});
export type DestinationField = z.infer<typeof destinationFieldSchema>;

/** What an admin creates in Freshsales before the run: one row of the field-creation spec. */
export const customFieldSpecSchema = z.object({
  name: z.string().regex(/^cf_[a-z0-9_]+$/, "a custom field name starts with cf_ and uses a-z, 0-9, _"),
  label: z.string().min(1).max(255),
  type: freshsalesFieldTypeSchema,
  choices: z.array(z.string()).optional(),
  /** Marked Unique in Freshsales' field settings: an upsert keyed on a field that is not fails. */
  unique: z.boolean().optional(),
});
export type CustomFieldSpec = z.infer<typeof customFieldSpecSchema>;

/** Fields whose values the migration computes itself rather than copying one to one. */
export const SYSTEM_HANDLING = [
  "source_id",
  "owner",
  "relationship",
  "timestamp",
  "pipeline_stage",
  "activity_type",
  "line_items",
  "attendees",
  "attachment_content",
] as const;
export const systemHandlingSchema = z.enum(SYSTEM_HANDLING);
export type SystemHandling = z.infer<typeof systemHandlingSchema>;

export const mappingDecisionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("field"), field: z.string().min(1) }),
  z.object({ kind: z.literal("create_custom_field"), spec: customFieldSpecSchema }),
  z.object({
    kind: z.literal("system"),
    handling: systemHandlingSchema,
    /** Destination field the handling writes, when there is one (owner_id, cf_vp_created_at...). */
    field: z.string().optional(),
    /** Set when that field is a custom field the destination does not have yet. */
    createsField: customFieldSpecSchema.optional(),
  }),
  z.object({ kind: z.literal("do_not_migrate") }),
]);
export type MappingDecision = z.infer<typeof mappingDecisionSchema>;

export const timeZoneSchema = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "unknown IANA time zone");

export const transformSpecSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  z.object({ kind: z.literal("text"), maxLength: z.number().int().positive() }),
  z.object({
    kind: z.literal("date"),
    /** Zone a timestamp is read in before its calendar date is taken. */
    timeZone: timeZoneSchema.default("UTC"),
    dayOrder: z.enum(["DMY", "MDY"]).default("DMY"),
  }),
  z.object({
    kind: z.literal("datetime"),
    /** Zone for timestamps written without an offset. */
    timeZone: timeZoneSchema.default("UTC"),
    dayOrder: z.enum(["DMY", "MDY"]).default("DMY"),
  }),
  z.object({
    kind: z.literal("phone"),
    normalise: z.boolean().default(false),
    /** Calling code used for national numbers, e.g. "1" or "44". */
    defaultCallingCode: z.string().regex(/^[1-9]\d{0,2}$/).optional(),
  }),
  z.object({ kind: z.literal("amount"), maxDecimals: z.number().int().min(0).max(6).default(2) }),
  z.object({ kind: z.literal("currency"), allowed: z.array(z.string().length(3)).optional() }),
  z.object({
    kind: z.literal("dropdown"),
    valueMap: z.record(z.string(), z.string()),
    choices: z.array(z.string()),
    /** What to do with a value the map does not cover: fail the record or leave the field empty. */
    onUnmapped: z.enum(["error", "empty"]).default("error"),
    /** Source values with no choice yet: the admin adds the choice in Freshsales or maps them. */
    unmapped: z.array(z.string()).default([]),
    /** Values mapped to the closest choice by spelling: to be confirmed by a person. */
    closest: z.array(z.string()).default([]),
  }),
  z.object({
    kind: z.literal("multiselect"),
    valueMap: z.record(z.string(), z.string()).default({}),
    choices: z.array(z.string()).optional(),
  }),
  z.object({ kind: z.literal("boolean") }),
  z.object({ kind: z.literal("number") }),
]);
export type TransformSpec = z.infer<typeof transformSpecSchema>;
/** A spec as written by hand or by the engine, before defaults are filled in. */
export type TransformSpecInput = z.input<typeof transformSpecSchema>;

export const mappingStatusSchema = z.enum(["proposed", "accepted", "edited", "rejected"]);
export type MappingStatus = z.infer<typeof mappingStatusSchema>;

export const fieldMappingSchema = z.object({
  /** Stable key: `${object}.${path}->${entity}`. */
  id: z.string(),
  source: z.object({
    object: sourceObjectSchema,
    path: z.string().min(1),
    label: z.string(),
    isCustom: z.boolean(),
  }),
  entity: destinationEntitySchema,
  decision: mappingDecisionSchema,
  confidence: z.number().min(0).max(1),
  reason: z.string().min(1),
  status: mappingStatusSchema,
  transform: transformSpecSchema,
  sensitive: z.boolean(),
  sensitivityReason: z.string().optional(),
  /** Runner-up destination fields, for the review screen's picker. */
  alternatives: z.array(z.object({ field: z.string(), confidence: z.number().min(0).max(1) })),
  /** Who last changed it: the engine, the language model, or a person. */
  proposedBy: z.enum(["rules", "llm", "person"]),
});
export type FieldMapping = z.infer<typeof fieldMappingSchema>;

export const fieldMapSchema = z.array(fieldMappingSchema);

/** What an admin sends when editing one mapping on the review screen. */
export const fieldMappingEditSchema = z.object({
  id: z.string(),
  status: z.enum(["accepted", "edited", "rejected"]),
  decision: mappingDecisionSchema.optional(),
  transform: transformSpecSchema.optional(),
});
export type FieldMappingEdit = z.infer<typeof fieldMappingEditSchema>;
