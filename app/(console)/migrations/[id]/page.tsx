import Link from "next/link";
import { StepNav } from "@/components/nav/step-nav";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { gateStatuses, parseGateRecords } from "@/lib/gates/gates";
import { loadMigrationForPage } from "@/lib/gates/page-data";
import { RenameMigrationForm } from "./rename-form";

export default async function MigrationOverviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { migration } = await loadMigrationForPage(id);
  const steps = gateStatuses(parseGateRecords(migration.gates));
  const next = steps.find((s) => s.status === "open");
  return (
    <>
      <StepNav migrationId={migration.id} steps={steps} />
      <div className="grid gap-4 md:grid-cols-3">
        <Card className="md:col-span-2">
          <h2 className="text-base font-semibold">Next step</h2>
          {next ? (
            <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
              <Link className="font-medium text-accent-600 underline" href={`/migrations/${migration.id}/${next.key}`}>
                {next.label}
              </Link>
              : {next.description}.
            </p>
          ) : (
            <p className="mt-2 text-sm">This migration is live and closed to further writes.</p>
          )}
        </Card>
        <Card>
          <h2 className="text-base font-semibold">Details</h2>
          <dl className="mt-2 space-y-1 text-sm">
            <div className="flex justify-between gap-2"><dt className="text-zinc-600 dark:text-zinc-400">Created by</dt><dd>{migration.createdBy.email}</dd></div>
            <div className="flex justify-between gap-2"><dt className="text-zinc-600 dark:text-zinc-400">Created</dt><dd>{migration.createdAt.toISOString().slice(0, 10)}</dd></div>
            <div className="flex justify-between gap-2"><dt className="text-zinc-600 dark:text-zinc-400">Status</dt><dd>{migration.closedAt ? <Badge tone="success">Live</Badge> : <Badge tone="info">In progress</Badge>}</dd></div>
          </dl>
          <RenameMigrationForm migrationId={migration.id} name={migration.name} />
        </Card>
      </div>
    </>
  );
}
