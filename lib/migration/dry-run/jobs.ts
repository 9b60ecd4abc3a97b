/** The dry run as a pg-boss job: one per request, read-only, so a retry simply predicts again. */
import { z } from "zod";
import { db } from "@/lib/server/db";
import { enqueue } from "@/lib/server/jobs/enqueue";
import { defineJob } from "@/lib/server/jobs/types";
import { executeDryRun } from "./service";

const dryRunJobPayload = z.object({ dryRunId: z.string(), organizationId: z.string(), migrationId: z.string() });

export const dryRunJob = defineJob({
  name: "migration.dry-run",
  schema: dryRunJobPayload,
  retryLimit: 3,
  async handler(payload) {
    // Predictions of an earlier attempt go: the attempt that finishes writes them all.
    await db().dryRunRecord.deleteMany({ where: { dryRunId: payload.dryRunId } });
    await executeDryRun(db(), payload);
  },
});

export async function scheduleDryRun(payload: z.infer<typeof dryRunJobPayload>): Promise<void> {
  await enqueue(dryRunJob, payload, { singletonKey: `dry-run:${payload.dryRunId}` });
}
