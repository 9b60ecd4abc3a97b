import { z } from "zod";
import { attachmentStore } from "@/lib/connections/file-store";
import { db } from "@/lib/server/db";
import { defineJob } from "@/lib/server/jobs/types";
import { openSourceReader } from "./open-source";
import { extractionPool } from "./pg-pool";
import { processExtractionRun } from "./process-run";

export const extractionJobPayload = z.object({
  runId: z.string(),
  organizationId: z.string(),
  migrationId: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
});

/**
 * One job per extraction run; collections run in sequence, pages in parallel within each.
 * Retried by the queue after a crash: checkpoints make the retry resume, not restart.
 */
export const extractionJob = defineJob({
  name: "extraction.run",
  schema: extractionJobPayload,
  retryLimit: 5,
  concurrency: 1,
  async handler(payload, { log }) {
    await processExtractionRun(
      {
        runId: payload.runId,
        organizationId: payload.organizationId,
        migrationId: payload.migrationId,
        actor: { id: payload.actorId, email: payload.actorEmail },
      },
      {
        db: db(),
        pool: extractionPool(),
        fileStore: attachmentStore(db()),
        openReader: () => openSourceReader(db(), payload.organizationId, payload.migrationId),
        log,
      },
    );
  },
});
