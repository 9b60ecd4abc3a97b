import { StepNav } from "@/components/nav/step-nav";
import { gateStatuses, parseGateRecords } from "@/lib/gates/gates";
import { loadMigrationForPage } from "@/lib/gates/page-data";
import { latestRun } from "@/lib/migration/service";
import { db } from "@/lib/server/db";
import { StepLocked } from "@/lib/verification/components/step-locked";
import { sampleView } from "@/lib/verification/sample-view";
import { SamplePanel } from "./sample-panel";

/** Step 6: a connected slice written to Freshsales, read back and diffed field by field, then signed off. */
export default async function SamplePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, migration } = await loadMigrationForPage(id);
  const steps = gateStatuses(parseGateRecords(migration.gates));
  const gate = steps.find((s) => s.key === "sample")!;
  const fullRunStarted = Boolean(await latestRun(db(), user.organizationId, migration.id, "full"));
  return (
    <>
      <StepNav migrationId={migration.id} steps={steps} current="sample" />
      {gate.status === "locked" ? (
        <StepLocked title="Sample" waitingFor={steps.find((s) => s.status === "open")?.label ?? "the previous step"} />
      ) : (
        <SamplePanel
          migrationId={migration.id}
          initial={await sampleView(db(), user.organizationId, migration.id)}
          isAdmin={user.role === "ADMIN"}
          canRun={user.role === "ADMIN" && !migration.closedAt && !fullRunStarted}
          gateDone={gate.status === "done"}
        />
      )}
    </>
  );
}
