import { notFound } from "next/navigation";
import { StepNav } from "@/components/nav/step-nav";
import { Card } from "@/components/ui/card";
import { gateStatuses, isGateKey, parseGateRecords } from "@/lib/migrations/gates";
import { loadMigrationForPage } from "@/lib/migrations/page-data";

/**
 * A step of the flow. Steps whose screens are not built yet say so plainly rather than
 * pretending; a locked step explains what it waits for.
 */
export default async function StepPage({ params }: { params: Promise<{ id: string; step: string }> }) {
  const { id, step } = await params;
  if (!isGateKey(step)) notFound();
  const { migration } = await loadMigrationForPage(id);
  const steps = gateStatuses(parseGateRecords(migration.gates));
  const current = steps.find((s) => s.key === step)!;
  const blocker = steps.find((s) => s.status === "open");
  return (
    <>
      <StepNav migrationId={migration.id} steps={steps} current={step} />
      <Card>
        <h2 className="text-lg font-semibold">{current.label}</h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{current.description}.</p>
        {current.status === "locked" ? (
          <p className="mt-4 text-sm" data-testid="step-locked">
            This step is locked until {blocker ? `“${blocker.label}”` : "the steps before it"} is done.
          </p>
        ) : current.status === "done" ? (
          <p className="mt-4 text-sm">Done on {current.record?.at.slice(0, 10)} by {current.record?.by}.</p>
        ) : (
          <p className="mt-4 text-sm" data-testid="step-unavailable">
            This step’s screen is not available in this version of the console yet.
          </p>
        )}
      </Card>
    </>
  );
}
