import { z } from "zod";

/**
 * The project's own types for Visual Practice records, written from the contract
 * (docs/visual-practice-api.md). Lenient on purpose: every field but `id` may be missing,
 * unknown keys are kept, and `parse-records.ts` turns a bad field into a reported problem
 * instead of losing the record.
 */

const text = z.string().nullish();
const timestamp = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), "not an ISO-8601 timestamp")
  .nullish();
const date = z
  .string()
  .regex(/^-?\d{4,}-\d{2}-\d{2}$/, "not a YYYY-MM-DD date")
  .nullish();
const decimal = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, "not a decimal string")
  .nullish();
const ref = z.string().nullish();
const int = z.number().int().nullish();

export const vpAddressSchema = z
  .looseObject({ street: text, city: text, state: text, postal_code: text, country: text })
  .nullish();

export const vpCustomValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
export const vpCustomPropertiesSchema = z.record(z.string(), vpCustomValueSchema).nullish();

const base = {
  id: z.string().min(1, "missing id"),
  created_at: timestamp,
  updated_at: timestamp,
  deleted_at: timestamp,
};

export const vpUserSchema = z.looseObject({
  ...base,
  email: text,
  first_name: text,
  last_name: text,
  active: z.boolean().nullish(),
  role: text,
});

export const vpCompanySchema = z.looseObject({
  ...base,
  name: text,
  website: text,
  industry: text,
  employee_count: int,
  annual_revenue: decimal,
  phone: text,
  parent_company_id: ref,
  address: vpAddressSchema,
  billing_address: vpAddressSchema,
  owner_id: ref,
  custom_properties: vpCustomPropertiesSchema,
});

export const vpContactSchema = z.looseObject({
  ...base,
  first_name: text,
  last_name: text,
  email: text,
  phone: text,
  mobile: text,
  job_title: text,
  address: vpAddressSchema,
  company_id: ref,
  owner_id: ref,
  lifecycle_status: text,
  custom_properties: vpCustomPropertiesSchema,
});

export const vpStageSchema = z.looseObject({
  id: z.string().min(1, "missing id"),
  name: text,
  position: z.number().nullish(),
  probability: z.number().min(0).max(100).nullish(),
  is_won: z.boolean().nullish(),
  is_lost: z.boolean().nullish(),
});

export const vpPipelineSchema = z.looseObject({
  ...base,
  name: text,
  is_default: z.boolean().nullish(),
  stages: z.array(vpStageSchema).nullish(),
});

export const vpLineItemSchema = z.looseObject({
  product_id: ref,
  quantity: z.number().nullish(),
  unit_price: decimal,
});

export const vpDealSchema = z.looseObject({
  ...base,
  name: text,
  amount: decimal,
  currency: text,
  expected_close_date: date,
  pipeline_id: ref,
  stage_id: ref,
  owner_id: ref,
  company_id: ref,
  contact_ids: z.array(z.string()).nullish(),
  line_items: z.array(vpLineItemSchema).nullish(),
  closed_at: timestamp,
  custom_properties: vpCustomPropertiesSchema,
});

export const VP_ACTIVITY_TYPES = ["call", "email", "note", "meeting"] as const;

export const vpActivitySchema = z.looseObject({
  ...base,
  type: z.enum(VP_ACTIVITY_TYPES).nullish(),
  subject: text,
  body: text,
  occurred_at: timestamp,
  duration_minutes: int,
  owner_id: ref,
  contact_id: ref,
  company_id: ref,
  deal_id: ref,
  start_at: timestamp,
  end_at: timestamp,
  location: text,
  attendees: z.array(z.looseObject({ email: text, name: text })).nullish(),
});

export const vpAttachmentSchema = z.looseObject({
  ...base,
  filename: text,
  content_type: text,
  size_bytes: z.number().int().min(0).nullish(),
  parent_type: z.enum(["contact", "company", "deal"]).nullish(),
  parent_id: ref,
  uploaded_by: ref,
});

export const vpProductSchema = z.looseObject({
  ...base,
  name: text,
  sku: text,
  unit_price: decimal,
  currency: text,
  description: text,
  active: z.boolean().nullish(),
});

/** Catalogue entries have no `id` in the contract; `parse-records` keys them as `object:key`. */
export const vpCustomPropertySchema = z.looseObject({
  id: z.string().min(1, "missing id"),
  object: z.enum(["contact", "company", "deal"]).nullish(),
  key: z.string().min(1),
  label: text,
});

export const vpWorkflowSchema = z.looseObject({
  ...base,
  name: text,
  object: text,
  active: z.boolean().nullish(),
  trigger: z.record(z.string(), z.unknown()).nullish(),
  conditions: z.array(z.unknown()).nullish(),
  actions: z.array(z.unknown()).nullish(),
});

export const VP_RECORD_SCHEMAS = {
  users: vpUserSchema,
  companies: vpCompanySchema,
  contacts: vpContactSchema,
  pipelines: vpPipelineSchema,
  deals: vpDealSchema,
  activities: vpActivitySchema,
  attachments: vpAttachmentSchema,
  products: vpProductSchema,
  "custom-properties": vpCustomPropertySchema,
  workflows: vpWorkflowSchema,
} as const;

export type VpCollection = keyof typeof VP_RECORD_SCHEMAS;
export const VP_COLLECTIONS = Object.keys(VP_RECORD_SCHEMAS) as VpCollection[];

export type VpRecordOf<C extends VpCollection> = z.infer<(typeof VP_RECORD_SCHEMAS)[C]>;
export type VpUser = VpRecordOf<"users">;
export type VpCompany = VpRecordOf<"companies">;
export type VpContact = VpRecordOf<"contacts">;
export type VpPipeline = VpRecordOf<"pipelines">;
export type VpDeal = VpRecordOf<"deals">;
export type VpActivity = VpRecordOf<"activities">;
export type VpAttachment = VpRecordOf<"attachments">;
export type VpProduct = VpRecordOf<"products">;
export type VpCustomProperty = VpRecordOf<"custom-properties">;
export type VpWorkflow = VpRecordOf<"workflows">;

/** One thing wrong with one record; extraction stores it and goes on. */
export interface VpRecordProblem {
  collection: VpCollection;
  /** Null when the record has no usable id (it is then dropped). */
  recordId: string | null;
  /** Dotted path, e.g. `custom_properties.allergies` or `contact_ids.2`. */
  field: string;
  message: string;
  /** "error": the field (or record) was dropped; "warning": kept as received (or NUL-stripped). */
  severity: "error" | "warning";
}
