import { StepNav } from "@/components/nav/step-nav";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { gateStatuses, parseGateRecords } from "@/lib/gates/gates";
import { loadMigrationForPage } from "@/lib/gates/page-data";
import { StepLocked } from "@/lib/verification/components/step-locked";
import { GoLiveDialog } from "./go-live-dialog";

/** Step 10: the admin confirms go-live; the migration then takes no more writes. */
export default async function GoLivePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, migration } = await loadMigrationForPage(id);
  const steps = gateStatuses(parseGateRecords(migration.gates));
  const gate = steps.find((s) => s.key === "go-live")!;
  if (gate.status === "locked") {
    return (
      <>
        <StepNav migrationId={migration.id} steps={steps} current="go-live" />
        <StepLocked title="Go-live" waitingFor={steps.find((s) => s.status === "open")?.label ?? "the previous step"} />
      </>
    );
  }
  return (
    <>
      <StepNav migrationId={migration.id} steps={steps} current="go-live" />
      <Card>
        <h2 className="text-lg font-semibold">Go-live</h2>
        {migration.closedAt ? (
          <p className="mt-2 text-sm" data-testid="go-live-done">
            <Badge tone="success">Live</Badge> Confirmed by {gate.record?.by ?? "an admin"} on {migration.closedAt.toLocaleString()}. The migration is closed to further writes; your team works in Freshsales from here, and rebuilds the workflows from the exported definitions.
          </p>
        ) : (
          <>
            <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
              Reconciliation is done. Confirming go-live closes this migration: no sample, run, delta poll or rollback can write to Freshsales afterwards. Your team then works in Freshsales.
            </p>
            {user.role === "ADMIN" ? (
              <div className="mt-4">
                <GoLiveDialog migrationId={migration.id} migrationName={migration.name} />
              </div>
            ) : (
              <p className="mt-4 text-sm">An admin confirms go-live.</p>
            )}
          </>
        )}
      </Card>
    </>
  );
}
