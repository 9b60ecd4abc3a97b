"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { memberActionClient } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { enqueue } from "@/lib/server/jobs/enqueue";
import { systemCheckJob } from "./jobs";

export const runSystemCheckAction = memberActionClient
  .metadata({ name: "runSystemCheck" })
  .inputSchema(z.object({}))
  .action(async ({ ctx: { user } }) => {
    const task = await db().backgroundTask.create({
      data: { organizationId: user.organizationId, kind: systemCheckJob.name },
    });
    await enqueue(systemCheckJob, { taskId: task.id, organizationId: user.organizationId, queuedAt: Date.now() });
    revalidatePath("/settings");
    return { taskId: task.id };
  });
