import Link from "next/link";
import { StepNav } from "@/components/nav/step-nav";
import { Card } from "@/components/ui/card";
import { gateStatuses, parseGateRecords } from "@/lib/gates/gates";
import { loadMigrationForPage } from "@/lib/gates/page-data";
import { latestDryRun } from "@/lib/migration/dry-run/service";
import { db } from "@/lib/server/db";
import { DryRunPanel } from "./dry-run-panel";

/**
 * The gate between Preflight and Sample: the plan of the full run. Done when a dry run
 * finishes; it can be run again any time before the full run (the full-run page links here).
 */
export default async function DryRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, migration } = await loadMigrationForPage(id);
  const steps = gateStatuses(parseGateRecords(migration.gates));
  const preflightDone = steps.find((s) => s.key === "preflight")?.status === "done";
  const initial = preflightDone ? await latestDryRun(db(), user.organizationId, migration.id) : null;
  return (
    <>
      <StepNav migrationId={migration.id} steps={steps} current="dry-run" />
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
