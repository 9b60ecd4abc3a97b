import os from "node:os";
import { z } from "zod";
import { db } from "@/lib/server/db";
import { defineJob } from "@/lib/server/jobs/types";

/**
 * The worker check: proves the path from a server action through the queue to a worker
 * and back to the UI, and tells which worker answered and how long the queue took.
 */
export const systemCheckJob = defineJob({
  name: "system.check",
  schema: z.object({ taskId: z.string(), organizationId: z.string(), queuedAt: z.number() }),
  async handler({ taskId, organizationId, queuedAt }) {
    const [row] = await db().$queryRaw<{ now: Date }[]>`select now() as now`;
    await db().backgroundTask.updateMany({
      where: { id: taskId, organizationId },
      data: {
        status: "done",
        finishedAt: new Date(),
        result: {
          worker: `${os.hostname()}:${process.pid}`,
          queueLatencyMs: Date.now() - queuedAt,
          databaseTime: row?.now.toISOString() ?? null,
        },
      },
    });
  },
});
