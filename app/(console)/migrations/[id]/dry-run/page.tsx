import Link from "next/link";
import { StepNav } from "@/components/nav/step-nav";
import { Card } from "@/components/ui/card";
import { gateStatuses, parseGateRecords } from "@/lib/gates/gates";
import { loadMigrationForPage } from "@/lib/gates/page-data";
import { latestDryRun } from "@/lib/migration/dry-run/service";
import { db } from "@/lib/server/db";
import { DryRunPanel } from "./dry-run-panel";

/**
 * Between Preflight and Sample, and again before the full run: the plan of the full run. Not a
 * gate of its own (the flow's gates stay as they are); reachable from the preflight and
 * full-run pages once the preflight is done.
 */
export default async function DryRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, migration } = await loadMigrationForPage(id);
  const steps = gateStatuses(parseGateRecords(migration.gates));
  const preflightDone = steps.find((s) => s.key === "preflight")?.status === "done";
  const initial = preflightDone ? await latestDryRun(db(), user.organizationId, migration.id) : null;
  return (
    <>
      <StepNav migrationId={migration.id} steps={steps} current="preflight" />
      {!preflightDone ? (
        <Card>
          <h2 className="text-lg font-semibold">Dry run</h2>
          <p className="mt-2 text-sm" data-testid="step-locked">
            The dry run needs a passed <Link className="underline" href={`/migrations/${migration.id}/preflight`}>Preflight</Link> first.
          </p>
        </Card>
      ) : (
        <DryRunPanel migrationId={migration.id} initial={initial ? JSON.parse(JSON.stringify(initial)) : null} canRun={user.role === "ADMIN" && !migration.closedAt} />
      )}
    </>
  );
}
