/** What the full-run page polls: progress, the shared budget gauge, failures grouped by reason. */
import { NotConnectedError, openDestination } from "@/lib/connections/open-clients";
import type { GovernorGauge } from "@/lib/connectors/freshsales/rate-governor";
import { getMigrationOrThrow } from "@/lib/gates/data";
import type { Db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { describeOver, overThreshold, thresholdsOf, type FailureThresholds, type OverThreshold } from "./failure-thresholds";
import { failureGroupsFor } from "./failure-groups-cache";
import { runProgress, type FailureGroup, type RunProgress } from "./progress";

export interface FullRunView extends RunProgress {
  gauge: (GovernorGauge & { planLabel: string }) | null;
  failures: FailureGroup[];
  /** The migration's failure thresholds and the objects over them (what holds the gate). */
  standing: { thresholds: FailureThresholds; over: (OverThreshold & { text: string })[] };
}

export async function fullRunView(db: Db, organizationId: string, migrationId: string): Promise<FullRunView> {
  const migration = await getMigrationOrThrow(db, organizationId, migrationId);
  let gauge: FullRunView["gauge"] = null;
  try {
    const dest = await openDestination(db, organizationId, migrationId);
    try {
      // Reads the shared budget rows only: no Freshsales call is spent on the gauge.
      gauge = { ...(await dest.governor.gauge()), planLabel: dest.plan.label };
    } finally {
      dest.connection.close();
    }
  } catch (error) {
    if (!(error instanceof NotConnectedError)) throw error;
  }
  // The governor's windows are real time already divided by the sandbox's clock scale (1 against
  // a real account), so the model is given the same scale and its backlog as real seconds.
  const limits = gauge ? { perHour: gauge.limitPerHour, perMinute: gauge.limitPerMinute, clockScale: env().SANDBOX_CLOCK_SCALE, waitSeconds: gauge.backlogMs / 1000 } : null;
  const progress = await runProgress(db, organizationId, migrationId, limits);
  // From the counts the progress already read: the page polls, so no second pass over the ledger.
  const thresholds = thresholdsOf(migration.failureThresholds);
  const over = overThreshold(progress.objects.map((o) => ({ objectType: o.objectType, total: o.pending + o.intent + o.written + o.skipped + o.failed, failed: o.failed })), thresholds);
  return { ...progress, gauge, failures: await failureGroupsFor(db, migrationId, progress), standing: { thresholds, over: over.map((o) => ({ ...o, text: describeOver(o) })) } };
}
