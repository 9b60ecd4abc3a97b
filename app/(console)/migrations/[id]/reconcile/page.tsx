import { StepNav } from "@/components/nav/step-nav";
import { gateStatuses, parseGateRecords } from "@/lib/gates/gates";
import { loadMigrationForPage } from "@/lib/gates/page-data";
import { db } from "@/lib/server/db";
import { StepLocked } from "@/lib/verification/components/step-locked";
import { reconcileView } from "@/lib/verification/reconcile-view";
import { ReconcilePanel } from "./reconcile-panel";

/** Step 9: counts per object and a field-level diff over a random sample; divergence holds go-live. */
export default async function ReconcilePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, migration } = await loadMigrationForPage(id);
  const steps = gateStatuses(parseGateRecords(migration.gates));
  const gate = steps.find((s) => s.key === "reconcile")!;
  return (
    <>
      <StepNav migrationId={migration.id} steps={steps} current="reconcile" />
      {gate.status === "locked" ? (
        <StepLocked title="Reconcile" waitingFor={steps.find((s) => s.status === "open")?.label ?? "the previous step"} />
      ) : (
        <ReconcilePanel migrationId={migration.id} initial={await reconcileView(db(), user.organizationId, migration.id)} isAdmin={user.role === "ADMIN"} canAct={user.role === "ADMIN" && !migration.closedAt} gateDone={gate.status === "done"} />
      )}
    </>
  );
}
