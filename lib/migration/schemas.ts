import { z } from "zod";

export const migrationInput = z.object({ migrationId: z.string().min(1) });
export const runInput = z.object({ migrationId: z.string().min(1), runId: z.string().min(1) });
/** Rollback deletes what the run created: the admin types the word to confirm. */
export const rollbackInput = z.object({ migrationId: z.string().min(1), confirm: z.literal("ROLLBACK", { error: "Type ROLLBACK to confirm" }) });

export const batchJobPayload = z.object({ runId: z.string(), phase: z.string(), batch: z.number().int().min(0) });
export const rollbackJobPayload = z.object({ runId: z.string(), organizationId: z.string(), migrationId: z.string() });
