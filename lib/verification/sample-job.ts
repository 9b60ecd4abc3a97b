import { openDestination } from "@/lib/connections/open-clients";
import { attachmentStore } from "@/lib/connections/file-store";
import { attachmentKey } from "@/lib/extraction/copy-attachments";
import { loadApprovedMapping, toApprovedMapping } from "@/lib/mapping/review/approved";
import { runPoliciesOf } from "@/lib/migration/existing-records";
import { db } from "@/lib/server/db";
import { isAppError } from "@/lib/server/errors";
import { defineJob } from "@/lib/server/jobs/types";
import { executeSampleRun } from "./sample-run";
import { verificationJobPayload } from "./schemas";

/**
 * One job per sample run. A retry resumes from the ledger (writes only move rows forward);
 * the last failure is kept on the run so the page can say why.
 */
export const sampleJob = defineJob({
  name: "verification.sample",
  schema: verificationJobPayload,
  retryLimit: 2,
  concurrency: 1,
  async handler(payload, { log }) {
    const migration = await db().migration.findFirst({ where: { id: payload.migrationId, organizationId: payload.organizationId } });
    if (!migration || migration.closedAt) return;
    const destination = await openDestination(db(), payload.organizationId, payload.migrationId);
    try {
      const approved = await loadApprovedMapping(db(), payload.organizationId, payload.migrationId);
      await executeSampleRun(
        {
          db: db(),
          conn: destination.connection,
          mapping: toApprovedMapping(approved),
          policies: runPoliciesOf(approved.routing),
          files: attachmentStore(db()),
          attachmentKey,
        },
        payload.runId,
      );
    } catch (error) {
      log.error({ err: error, runId: payload.runId }, "sample run failed");
      await db().run.update({ where: { id: payload.runId }, data: { status: "failed", error: isAppError(error) ? error.message : "The sample stopped on an unexpected error (details in the worker log)." } });
      throw error;
    } finally {
      destination.connection.close();
    }
  },
});
