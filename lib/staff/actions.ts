"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { scheduleBatches, scheduleRollback } from "@/lib/migration/jobs";
import { pauseRun, resumeRun, retryFailed, type Scheduler } from "@/lib/migration/service";
import { engineerActionClient } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";

const scheduler: Scheduler = { batches: scheduleBatches, rollback: scheduleRollback };
const runInput = z.object({ runId: z.string().min(1) });

/**
 * Engineers act on any organisation's run. The run decides the organisation, and the audit
 * event names the engineer. Approvals stay with the customer: their actions require an
 * organisation member, which an engineer is not.
 */
async function staffActor(runId: string, engineer: { id: string; email: string }) {
  const run = await db().run.findUnique({ where: { id: runId }, select: { organizationId: true, migrationId: true } });
  if (!run) throw new NotFoundError("Run");
  return { run, actor: { id: engineer.id, email: engineer.email, organizationId: run.organizationId } };
}

export const staffPauseRunAction = engineerActionClient
  .metadata({ name: "staffPauseRun" })
  .inputSchema(runInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    const { run, actor } = await staffActor(parsedInput.runId, user);
    await pauseRun(db(), actor, run.migrationId, parsedInput.runId);
    revalidatePath(`/staff/runs/${parsedInput.runId}`);
    return { ok: true };
  });

export const staffResumeRunAction = engineerActionClient
  .metadata({ name: "staffResumeRun" })
  .inputSchema(runInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    const { run, actor } = await staffActor(parsedInput.runId, user);
    await resumeRun(db(), actor, run.migrationId, parsedInput.runId, scheduler);
    revalidatePath(`/staff/runs/${parsedInput.runId}`);
    return { ok: true };
  });

export const staffRetryFailedAction = engineerActionClient
  .metadata({ name: "staffRetryFailed" })
  .inputSchema(runInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    const { run, actor } = await staffActor(parsedInput.runId, user);
    const result = await retryFailed(db(), actor, run.migrationId, scheduler);
    revalidatePath("/staff");
    return result;
  });
