import { StepNav } from "@/components/nav/step-nav";
import { getConnectionsView } from "@/lib/connections/data";
import { gateStatuses, parseGateRecords } from "@/lib/gates/gates";
import { loadMigrationForPage } from "@/lib/gates/page-data";
import { db } from "@/lib/server/db";
import { ConnectionsPanel } from "./connections-panel";

/** Step 1: connect Visual Practice (API or export bundle) and Freshsales, and prove both. */
export default async function ConnectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, migration } = await loadMigrationForPage(id);
  const steps = gateStatuses(parseGateRecords(migration.gates));
  const initial = await getConnectionsView(db(), user.organizationId, migration.id);
  return (
    <>
      <StepNav migrationId={migration.id} steps={steps} current="connect" />
      <ConnectionsPanel
        migrationId={migration.id}
        initial={initial}
        canEdit={user.role === "ADMIN" && !migration.closedAt}
        gateDone={steps[0]?.status === "done"}
      />
    </>
  );
}
