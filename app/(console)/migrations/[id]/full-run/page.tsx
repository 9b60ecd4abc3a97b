import { StepNav } from "@/components/nav/step-nav";
import { Card } from "@/components/ui/card";
import { gateStatuses, parseGateRecords } from "@/lib/gates/gates";
import { loadMigrationForPage } from "@/lib/gates/page-data";
import Link from "next/link";
import { FullRunPanel } from "./full-run-panel";
import { PlanVsOutcome } from "./plan-vs-outcome";

/** Step 7: the full run on the ledger, live, with retry, CSV export and rollback. */
export default async function FullRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, migration } = await loadMigrationForPage(id);
  const steps = gateStatuses(parseGateRecords(migration.gates));
  const gate = steps.find((s) => s.key === "full-run")!;
  return (
    <>
      <StepNav migrationId={migration.id} steps={steps} current="full-run" />
      {gate.status === "locked" ? (
        <Card>
          <h2 className="text-lg font-semibold">Full run</h2>
          <p className="mt-2 text-sm" data-testid="step-locked">
            This step is locked until “{steps.find((s) => s.status === "open")?.label ?? "the previous step"}” is done.
          </p>
        </Card>
      ) : (
        <div className="space-y-6">
          <p className="text-sm">
            Before starting: <Link className="underline" href={`/migrations/${migration.id}/dry-run`}>dry run</Link> plans this run record by record, with its calls and time, writing nothing.
          </p>
          <FullRunPanel migrationId={migration.id} canAct={user.role === "ADMIN" && !migration.closedAt} gateDone={gate.status === "done"} />
          <PlanVsOutcome organizationId={user.organizationId} migrationId={migration.id} />
        </div>
      )}
    </>
  );
}
