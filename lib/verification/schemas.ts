import { z } from "zod";

export const SAMPLE_MIN = 100;
export const SAMPLE_MAX = 500;

export const requestSampleInput = z.object({
  migrationId: z.string().min(1),
  size: z.coerce.number().int().min(SAMPLE_MIN, `A sample has at least ${SAMPLE_MIN} records`).max(SAMPLE_MAX, `A sample has at most ${SAMPLE_MAX} records`),
});

export const signOffSampleInput = z.object({
  migrationId: z.string().min(1),
  runId: z.string().min(1),
  /** Required when the diff shows mismatches: the admin has looked at them. */
  acceptMismatches: z.boolean().default(false),
});

export const revealInput = z.object({ migrationId: z.string().min(1), reveal: z.boolean() });

export const explainDivergenceInput = z.object({
  migrationId: z.string().min(1),
  reportId: z.string().min(1),
  key: z.string().min(1),
  note: z.string().trim().min(5, "Explain the divergence in a sentence").max(2000),
});

export const runReconcileInput = z.object({ migrationId: z.string().min(1) });

export const verificationJobPayload = z.object({ runId: z.string(), organizationId: z.string(), migrationId: z.string() });
