import { z } from "zod";

/**
 * The shape every platform data file must have. Data files are plain typed objects; the
 * catalogue parses them with these schemas when it loads, so a typo in a rate limit or a
 * dangling object reference fails loudly at startup instead of producing a wrong estimate.
 */

/** The eight objects a CRM migration moves; each platform object is tagged with one. */
export const CRM_CATEGORY_OBJECTS = [
  "contact",
  "company",
  "deal",
  "pipeline",
  "activity",
  "attachment",
  "user",
  "product",
] as const;
export const categoryObjectSchema = z.enum(CRM_CATEGORY_OBJECTS);
export type CategoryObject = z.infer<typeof categoryObjectSchema>;

export const rateLimitSchema = z
  .object({
    perSecond: z.number().positive().optional(),
    perMinute: z.number().positive().optional(),
    perHour: z.number().positive().optional(),
    perDay: z.number().positive().optional(),
  })
  .refine((r) => Object.values(r).some((v) => v !== undefined), "at least one limit is required");
export type RateLimit = z.infer<typeof rateLimitSchema>;

export const planSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  rateLimit: rateLimitSchema,
  /** File storage per user seat, pooled across active users (Freshsales KB-FILES). */
  storageGbPerUser: z.number().nonnegative().optional(),
  note: z.string().optional(),
});
export type Plan = z.infer<typeof planSchema>;

/**
 * How the platform accepts writes of this object: "bulk" = a batch endpoint taking
 * `api.batchSize` records per call plus an async job to poll; "per-record" = one call per
 * record; "none" = not written by the migration (resolved or created by an admin).
 */
export const writeModeSchema = z.enum(["bulk", "per-record", "none"]);
export type WriteMode = z.infer<typeof writeModeSchema>;

export const platformObjectSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  /** null for schema or automation objects (custom fields, workflows) that carry no records. */
  categoryObject: categoryObjectSchema.nullable(),
  write: writeModeSchema,
  note: z.string().optional(),
});
export type PlatformObject = z.infer<typeof platformObjectSchema>;

export const platformSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    categories: z.array(z.string()).min(1),
    /** Visual Practice tokens are read-only, so it can only be a source. */
    roles: z.array(z.enum(["source", "destination"])).min(1).default(["source", "destination"]),
    objects: z.array(platformObjectSchema).min(1),
    api: z.object({
      /** A public, versioned API reference exists. */
      documented: z.boolean(),
      bulkApi: z.boolean(),
      /** Records per bulk write call; 1 when there is no bulk API. */
      batchSize: z.number().int().positive(),
      /** Records per list page when extracting. */
      pageSize: z.number().int().positive(),
      /** The field-metadata API returns field types (else types are inferred from values). */
      typedFieldMetadata: z.boolean(),
      note: z.string().optional(),
    }),
    plans: z.array(planSchema).min(1),
    defaultPlan: z.string(),
    notes: z.array(z.string()),
  })
  .superRefine((p, ctx) => {
    if (!p.plans.some((plan) => plan.id === p.defaultPlan)) {
      ctx.addIssue({ code: "custom", message: `defaultPlan ${p.defaultPlan} is not a plan of ${p.id}` });
    }
    const ids = new Set<string>();
    for (const o of p.objects) {
      if (ids.has(o.id)) ctx.addIssue({ code: "custom", message: `duplicate object id ${o.id} in ${p.id}` });
      ids.add(o.id);
    }
    if (!p.api.bulkApi && p.objects.some((o) => o.write === "bulk")) {
      ctx.addIssue({ code: "custom", message: `${p.id} has bulk objects but no bulk API` });
    }
    if (!p.api.bulkApi && p.api.batchSize !== 1) {
      ctx.addIssue({ code: "custom", message: `${p.id} has no bulk API, so batchSize must be 1` });
    }
  });
export type Platform = z.infer<typeof platformSchema>;
/** What a data file declares before validation. */
export type PlatformData = z.input<typeof platformSchema>;

export const categorySchema = z.object({
  id: z.string(),
  name: z.string(),
  objects: z.array(categoryObjectSchema).min(1),
  /** Typical end-to-end duration, for the "Timeline complexity" line. */
  typicalDays: z.tuple([z.number().positive(), z.number().positive()]),
});
export type Category = z.infer<typeof categorySchema>;
