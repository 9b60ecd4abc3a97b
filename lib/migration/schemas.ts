import { z } from "zod";

export const migrationInput = z.object({ migrationId: z.string().min(1) });
export const runInput = z.object({ migrationId: z.string().min(1), runId: z.string().min(1) });
/** Rollback deletes what the run created: the admin types the word to confirm. */
export const rollbackInput = z.object({ migrationId: z.string().min(1), confirm: z.literal("ROLLBACK", { error: "Type ROLLBACK to confirm" }) });

export const batchJobPayload = z.object({ runId: z.string(), phase: z.string(), batch: z.number().int().min(0) });
export const rollbackJobPayload = z.object({ runId: z.string(), organizationId: z.string(), migrationId: z.string() });

/** Accepting a run's failures opens the next step without a retry: the admin says why, for the audit log. */
export const acceptanceReason = z.string().trim().min(10, "Say in a few words why these failures are acceptable (at least 10 characters)").max(2000);
export const acceptFailuresInput = z.object({ migrationId: z.string().min(1), reason: acceptanceReason });
