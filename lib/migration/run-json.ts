/**
 * A run's settings and figures are JSON columns. They are read back through these schemas, so
 * a row written by an older version (or edited by hand) fails with an error naming the run
 * instead of surfacing later as an undefined field deep inside a batch.
 */
import { z } from "zod";
import { accountNamePolicySchema } from "@/lib/mapping/account-names";
import { duplicateEmailPolicySchema, existingRecordPolicySchema } from "@/lib/mapping/record-policies";
import { confirmedOwnerResolutionSchema } from "@/lib/mapping/owner-resolution";
import { routingRulesSchema } from "@/lib/mapping/routing-rules";
import { fieldMapSchema } from "@/lib/mapping/schemas";
import { stageMapSchema } from "@/lib/mapping/stage-map";
import { AppError } from "@/lib/server/errors";
import type { RunStats } from "./engine";
import type { RollbackReport } from "./rollback";
import type { ApprovedMapping, DestinationContext, RunPolicies, RunSettings } from "./types";

const idsByLabel = z.record(z.string(), z.number());

export const approvedMappingSchema: z.ZodType<ApprovedMapping> = z.object({
  fieldMap: fieldMapSchema,
  routing: routingRulesSchema,
  stageMap: stageMapSchema,
  owners: confirmedOwnerResolutionSchema,
  accountNames: accountNamePolicySchema.optional(),
  duplicateEmails: duplicateEmailPolicySchema.optional(),
  versions: z.record(z.string(), z.string()).optional(),
});

const destinationContextSchema: z.ZodType<DestinationContext> = z.object({
  pickers: z.record(z.string(), idsByLabel),
  fields: z.record(z.string(), z.array(z.string())),
  taskTypes: idsByLabel,
  currencies: idsByLabel,
  maxFileBytes: z.number(),
  storageQuotaBytes: z.number().nullable(),
  leadsModule: z.boolean().optional(),
});

// Runs stored before accounts and owners had policies read as the defaults then in force.
const policiesSchema: z.ZodType<RunPolicies> = z.object({
  existingRecord: existingRecordPolicySchema,
  existingAccount: existingRecordPolicySchema.default("update"),
  changeOwner: z.boolean().default(false),
});

export const runSettingsSchema: z.ZodType<RunSettings> = z.object({
  mapping: approvedMappingSchema,
  destination: destinationContextSchema,
  policies: policiesSchema,
  batchSize: z.number().int().positive(),
  accountLevels: z.array(z.array(z.string())),
});

// Loose: batches add keys (settled phases, retry links) with jsonb updates the engine reads elsewhere.
export const runStatsSchema: z.ZodType<RunStats> = z.looseObject({
  phase: z.string().default(""),
  batches: z.number().default(0),
  active: z.record(z.string(), z.number()).default({}),
  done: z.array(z.string()).default([]),
  seeded: z.record(z.string(), z.number()).optional(),
  ledgerSeeded: z.boolean().optional(),
  retryOf: z.string().optional(),
});

export const rollbackReportSchema: z.ZodType<RollbackReport> = z.object({ deleted: z.record(z.string(), z.number()), restored: z.number() });

export class RunDataError extends AppError {
  constructor(runId: string, what: string, error: z.ZodError) {
    const where = error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    super(`Run ${runId} has unreadable ${what} (${where}); it was written by another version — start a new run.`, 500, "run_data");
  }
}

/** Parses one JSON column of a run, naming the run and the field when it does not fit. */
export function readRunJson<T>(schema: z.ZodType<T>, value: unknown, runId: string, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new RunDataError(runId, what, parsed.error);
  return parsed.data;
}
