"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/audit-log";
import { getMigrationOrThrow } from "@/lib/gates/data";
import { adminActionClient } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { enqueue } from "@/lib/server/jobs/enqueue";
import { executeReconcileLater } from "./reconcile-enqueue";
import { explainDivergence, requestReconcile } from "./reconcile-service";
import { sampleJob } from "./sample-job";
import { requestSample, signOffSample } from "./sample-service";
import { explainDivergenceInput, requestSampleInput, runReconcileInput, signOffSampleInput } from "./schemas";

export const requestSampleAction = adminActionClient
  .metadata({ name: "requestSample" })
  .inputSchema(requestSampleInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    const { runId, chosen } = await requestSample(db(), user, parsedInput.migrationId, parsedInput.size);
    await enqueue(sampleJob, { runId, organizationId: user.organizationId, migrationId: parsedInput.migrationId });
    revalidatePath(`/migrations/${parsedInput.migrationId}`, "layout");
    return { runId, chosen };
  });

export const signOffSampleAction = adminActionClient
  .metadata({ name: "signOffSample" })
  .inputSchema(signOffSampleInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    const result = await signOffSample(db(), user, parsedInput.migrationId, parsedInput.runId, parsedInput.acceptMismatches);
    revalidatePath(`/migrations/${parsedInput.migrationId}`, "layout");
    return result;
  });

/** Showing health data in a diff is the admin's explicit, audited choice. */
export const revealSensitiveAction = adminActionClient
  .metadata({ name: "revealSensitive" })
  .inputSchema(z.object({ migrationId: z.string().min(1), where: z.enum(["sample", "reconcile"]) }))
  .action(async ({ parsedInput, ctx: { user } }) => {
    await getMigrationOrThrow(db(), user.organizationId, parsedInput.migrationId);
    await appendAudit(db(), { organizationId: user.organizationId, migrationId: parsedInput.migrationId, actor: user, action: "diff.sensitive.revealed", detail: { where: parsedInput.where } });
    return { ok: true };
  });

export const runReconcileAction = adminActionClient
  .metadata({ name: "runReconcile" })
  .inputSchema(runReconcileInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    const { runId } = await requestReconcile(db(), user, parsedInput.migrationId);
    await executeReconcileLater({ runId, organizationId: user.organizationId, migrationId: parsedInput.migrationId });
    revalidatePath(`/migrations/${parsedInput.migrationId}`, "layout");
    return { runId };
  });

export const explainDivergenceAction = adminActionClient
  .metadata({ name: "explainDivergence" })
  .inputSchema(explainDivergenceInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    const result = await explainDivergence(db(), user, parsedInput.migrationId, parsedInput.reportId, parsedInput.key, parsedInput.note);
    revalidatePath(`/migrations/${parsedInput.migrationId}`, "layout");
    return result;
  });
