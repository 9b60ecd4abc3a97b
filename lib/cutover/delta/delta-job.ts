import { openDestination, openSourceClient } from "@/lib/connections/open-clients";
import { attachmentStore } from "@/lib/connections/file-store";
import { attachmentKey } from "@/lib/extraction/copy-attachments";
import { loadApprovedMapping, toApprovedMapping } from "@/lib/mapping/review/approved";
import { runPoliciesOf } from "@/lib/migration/existing-records";
import { db } from "@/lib/server/db";
import { enqueue } from "@/lib/server/jobs/enqueue";
import { defineJob } from "@/lib/server/jobs/types";
import { verificationJobPayload } from "@/lib/verification/schemas";
import { closeDeltaWindow } from "./delta-window";
import { pollOnce } from "./poll-source";
import { readRunJson } from "@/lib/migration/run-json";
import { deltaSettingsSchema } from "./types";

/**
 * The recurring poll: one job per poll, each scheduling the next (failed or not) until the
 * window's end, when it closes the window. The watermark only moves after a poll succeeded, and
 * a lease on the run keeps two polls of one window from overlapping.
 */
export const deltaPollJob = defineJob({
  name: "delta.poll",
  schema: verificationJobPayload,
  retryLimit: 3,
  concurrency: 1,
  async handler(payload, { log }) {
    const { organizationId, migrationId, runId } = payload;
    const run = await db().run.findFirst({ where: { id: runId, organizationId, migrationId, kind: "delta" } });
    const migration = await db().migration.findFirst({ where: { id: migrationId, organizationId } });
    if (!run || run.status !== "running" || !migration || migration.closedAt) return;
    const settings = readRunJson(deltaSettingsSchema, run.settings, run.id, "window settings");
    if (Date.now() >= Date.parse(settings.endsAt)) {
      await closeDeltaWindow(db(), organizationId, migrationId, runId, { id: null, email: "system" }, "time_up");
      return;
    }
    try {
      const source = await openSourceClient(db(), organizationId, migrationId);
      if (source.mode !== "api") return;
      const destination = await openDestination(db(), organizationId, migrationId);
      try {
        const approved = await loadApprovedMapping(db(), organizationId, migrationId);
        const picked = await pollOnce(
          {
            db: db(), conn: destination.connection, source: source.client, mapping: toApprovedMapping(approved), policies: runPoliciesOf(approved.routing),
            files: attachmentStore(db()), attachmentKey,
          },
          runId,
        );
        log.info({ runId, picked: picked?.length ?? null }, "delta poll done");
      } finally {
        destination.connection.close();
      }
    } catch (error) {
      // The failure is on the run (stats.lastError) for the page; the window keeps polling.
      log.error({ err: error, runId }, "delta poll failed");
    } finally {
      const wait = Math.max(1, Math.min(settings.intervalSeconds, Math.ceil((Date.parse(settings.endsAt) - Date.now()) / 1000)));
      await enqueue(deltaPollJob, payload, { startAfter: wait });
    }
  },
});
