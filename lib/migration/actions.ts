"use server";

import { revalidatePath } from "next/cache";
import { adminActionClient } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { scheduleBatches, scheduleRollback } from "./jobs";
import { acceptFailures, setFailureThresholds } from "./failure-gate";
import { failureThresholdsSchema } from "./failure-thresholds";
import { acceptFailuresInput, migrationInput, rollbackInput, runInput } from "./schemas";
import { pauseRun, requestRollback, resumeRun, retryFailed, startFull, type Scheduler } from "./service";

const scheduler: Scheduler = { batches: scheduleBatches, rollback: scheduleRollback };
const page = (id: string) => revalidatePath(`/migrations/${id}/full-run`);

export const startFullRunAction = adminActionClient
  .metadata({ name: "startFullRun" })
  .inputSchema(migrationInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    const result = await startFull(db(), user, parsedInput.migrationId, scheduler);
    page(parsedInput.migrationId);
    return result;
  });

export const pauseRunAction = adminActionClient
  .metadata({ name: "pauseRun" })
  .inputSchema(runInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    await pauseRun(db(), user, parsedInput.migrationId, parsedInput.runId);
    page(parsedInput.migrationId);
  });

export const resumeRunAction = adminActionClient
  .metadata({ name: "resumeRun" })
  .inputSchema(runInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    await resumeRun(db(), user, parsedInput.migrationId, parsedInput.runId, scheduler);
    page(parsedInput.migrationId);
  });

export const retryFailedAction = adminActionClient
  .metadata({ name: "retryFailed" })
  .inputSchema(migrationInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    const result = await retryFailed(db(), user, parsedInput.migrationId, scheduler);
    page(parsedInput.migrationId);
    return result;
  });

export const rollbackAction = adminActionClient
  .metadata({ name: "rollback" })
  .inputSchema(rollbackInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    const result = await requestRollback(db(), user, parsedInput.migrationId, scheduler);
    page(parsedInput.migrationId);
    return result;
  });

export const setFailureThresholdsAction = adminActionClient
  .metadata({ name: "setFailureThresholds" })
  .inputSchema(migrationInput.extend({ thresholds: failureThresholdsSchema }))
  .action(async ({ parsedInput, ctx: { user } }) => {
    const result = await setFailureThresholds(db(), user, parsedInput.migrationId, parsedInput.thresholds);
    page(parsedInput.migrationId);
    return result;
  });

export const acceptFailuresAction = adminActionClient
  .metadata({ name: "acceptFailures" })
  .inputSchema(acceptFailuresInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    await acceptFailures(db(), user, parsedInput.migrationId, parsedInput.reason);
    page(parsedInput.migrationId);
  });
