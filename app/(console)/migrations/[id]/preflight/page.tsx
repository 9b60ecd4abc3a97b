import { StepNav } from "@/components/nav/step-nav";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { latestPreflight } from "@/lib/mapping/review/preflight";
import { gateStatuses, parseGateRecords } from "@/lib/gates/gates";
import { loadMigrationForPage } from "@/lib/gates/page-data";
import { db } from "@/lib/server/db";
import { PreflightPanel } from "./preflight-panel";

/** Step 5: prove the approved map can land in Freshsales, or list what its admin must create. */
export default async function PreflightPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, migration } = await loadMigrationForPage(id);
  const steps = gateStatuses(parseGateRecords(migration.gates));
  const gate = steps.find((s) => s.key === "preflight")!;
  const result = gate.status === "locked" ? null : await latestPreflight(db(), user.organizationId, migration.id);
  return (
    <>
      <StepNav migrationId={migration.id} steps={steps} current="preflight" />
      {gate.status === "locked" ? (
        <Card>
          <h2 className="text-lg font-semibold">Preflight</h2>
          <p className="mt-2 text-sm" data-testid="step-locked">
            This step is locked until “{steps.find((s) => s.status === "open")?.label ?? "the previous step"}” is done.
          </p>
        </Card>
      ) : (
        <div className="space-y-6">
          <PreflightPanel migrationId={migration.id} initial={result} canRun={user.role === "ADMIN" && !migration.closedAt} gateDone={gate.status === "done"} />
          {gate.status === "done" && (
            <p className="text-sm">
              Next, before the sample: the <Link className="underline" href={`/migrations/${migration.id}/dry-run`} data-testid="dry-run-link">dry run</Link> plans the full run record by record, writing nothing.
            </p>
          )}
        </div>
      )}
    </>
  );
}
