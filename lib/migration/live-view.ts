/** What the full-run page polls: progress, the shared budget gauge, failures grouped by reason. */
import { NotConnectedError, openDestination } from "@/lib/connections/open-clients";
import type { GovernorGauge } from "@/lib/connectors/freshsales/rate-governor";
import { getMigrationOrThrow } from "@/lib/migrations/data";
import type { Db } from "@/lib/server/db";
import { failureGroups, runProgress, type FailureGroup, type RunProgress } from "./progress";

export interface FullRunView extends RunProgress {
  gauge: (GovernorGauge & { planLabel: string }) | null;
  failures: FailureGroup[];
}

export async function fullRunView(db: Db, organizationId: string, migrationId: string): Promise<FullRunView> {
  await getMigrationOrThrow(db, organizationId, migrationId);
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
  const progress = await runProgress(db, organizationId, migrationId, gauge?.limitPerHour ?? null);
  return { ...progress, gauge, failures: await failureGroups(db, migrationId) };
}
