import { z } from "zod";
import { badRequest } from "./api-error";
import { FIELD_TYPES, type FieldType } from "./types";

/** Bodies of the `/_emulator/*` endpoints, checked so a bad test setup fails with a 400. */
const entity = z.enum(["contacts", "sales_accounts", "deals", "sales_activities"]);

export const userSchema = z.object({
  email: z.string().min(1),
  display_name: z.string().optional(),
  name: z.string().optional(),
  is_active: z.boolean().optional(),
  work_number: z.string().optional(),
  mobile_number: z.string().optional(),
});

export const fieldSchema = z.object({
  entity,
  label: z.string().min(1),
  type: z.enum(FIELD_TYPES as [FieldType, ...FieldType[]]),
  name: z.string().min(1).optional(),
  required: z.boolean().optional(),
  choices: z.array(z.string()).optional(),
  unique: z.boolean().optional(),
});

export const choicesSchema = z.object({ entity, field: z.string().min(1), values: z.array(z.string()) });

export const pipelineSchema = z.object({
  name: z.string().min(1),
  is_default: z.boolean().optional(),
  stages: z
    .array(
      z.object({
        name: z.string().min(1),
        probability: z.number().min(0).max(100).optional(),
        forecast_type: z.enum(["Open", "Won", "Lost"]).optional(),
      }),
    )
    .min(1),
});

const recordList = z.array(z.record(z.string(), z.unknown()));

export const loadSchema = z.object({
  users: z.array(userSchema).optional(),
  pipelines: z.array(pipelineSchema).optional(),
  fields: z.array(fieldSchema).optional(),
  selectors: z
    .object({
      lifecycle_stages: z.array(z.string()).optional(),
      contact_statuses: z.array(z.string()).optional(),
      currencies: z.array(z.string()).optional(),
      task_types: z.array(z.string()).optional(),
      sales_activity_types: z.array(z.string()).optional(),
      sales_activity_outcomes: z.array(z.string()).optional(),
      industry_types: z.array(z.string()).optional(),
      business_types: z.array(z.string()).optional(),
      territories: z.array(z.string()).optional(),
      lead_sources: z.array(z.string()).optional(),
      deal_reasons: z.array(z.string()).optional(),
      deal_types: z.array(z.string()).optional(),
      deal_payment_statuses: z.array(z.string()).optional(),
      campaigns: z.array(z.string()).optional(),
    })
    .strict()
    .optional(),
  records: z
    .object({ contacts: recordList.optional(), sales_accounts: recordList.optional(), deals: recordList.optional(), products: recordList.optional() })
    .strict()
    .optional(),
});

const rate = z.number().min(0).max(1);
export const faultsSchema = z.object({
  seed: z.number().optional(),
  rules: z.array(
    z.object({
      method: z.string().optional(),
      path: z.string().optional(),
      errorRates: z.object({ 429: rate.optional(), 500: rate.optional(), 502: rate.optional(), 503: rate.optional() }).optional(),
      latencyMs: z.number().min(0).optional(),
      hangRate: rate.optional(),
      resetRate: rate.optional(),
      retryAfterSeconds: z.number().min(0).optional(),
    }),
  ),
});

export function parseAdmin<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    throw badRequest(...result.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`));
  }
  return result.data;
}
