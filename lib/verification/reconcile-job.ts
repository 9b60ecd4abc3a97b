import { openDestination } from "@/lib/connections/open-clients";
import { loadApprovedMapping, toApprovedMapping } from "@/lib/mapping/review/approved";
import { db } from "@/lib/server/db";
import { isAppError } from "@/lib/server/errors";
import { defineJob } from "@/lib/server/jobs/types";
import { executeReconcile } from "./reconcile-service";
import { verificationJobPayload } from "./schemas";

export const reconcileJob = defineJob({
  name: "verification.reconcile",
  schema: verificationJobPayload,
  retryLimit: 2,
  concurrency: 1,
  async handler(payload, { log }) {
    const destination = await openDestination(db(), payload.organizationId, payload.migrationId);
    try {
      const approved = await loadApprovedMapping(db(), payload.organizationId, payload.migrationId);
      await executeReconcile({ db: db(), conn: destination.connection, mapping: toApprovedMapping(approved) }, payload.runId);
    } catch (error) {
      log.error({ err: error, runId: payload.runId }, "reconciliation failed");
      await db().run.update({ where: { id: payload.runId }, data: { status: "failed", error: isAppError(error) ? error.message : "Reconciliation stopped on an unexpected error (details in the worker log)." } });
      throw error;
    } finally {
      destination.connection.close();
    }
  },
});
