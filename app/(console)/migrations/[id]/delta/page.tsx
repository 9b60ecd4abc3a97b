import { StepNav } from "@/components/nav/step-nav";
import { deltaView } from "@/lib/cutover/delta/delta-view";
import { gateStatuses, parseGateRecords } from "@/lib/gates/gates";
import { loadMigrationForPage } from "@/lib/gates/page-data";
import { db } from "@/lib/server/db";
import { StepLocked } from "@/lib/verification/components/step-locked";
import { DeltaPanel } from "./delta-panel";

/** Step 8: the delta window keeps Freshsales in step with changes made in the source during cutover. */
export default async function DeltaPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, migration } = await loadMigrationForPage(id);
  const steps = gateStatuses(parseGateRecords(migration.gates));
  const gate = steps.find((s) => s.key === "delta")!;
  return (
    <>
      <StepNav migrationId={migration.id} steps={steps} current="delta" />
      {gate.status === "locked" ? (
        <StepLocked title="Delta window" waitingFor={steps.find((s) => s.status === "open")?.label ?? "the previous step"} />
      ) : (
        <DeltaPanel migrationId={migration.id} initial={await deltaView(db(), user.organizationId, migration.id)} canAct={user.role === "ADMIN" && !migration.closedAt} gateDone={gate.status === "done"} />
      )}
    </>
  );
}
