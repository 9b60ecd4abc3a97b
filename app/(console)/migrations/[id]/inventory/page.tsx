import { StepNav } from "@/components/nav/step-nav";
import { ExtractionPanel } from "@/lib/extraction/components/extraction-panel";
import { InventorySummary } from "@/lib/inventory/components/inventory-summary";
import { InventoryTable } from "@/lib/inventory/components/inventory-table";
import { loadInventory } from "@/lib/inventory/inventory-data";
import { maskProfiles } from "@/lib/inventory/mask-profiles";
import { gateStatuses, parseGateRecords } from "@/lib/gates/gates";
import { loadMigrationForPage } from "@/lib/gates/page-data";
import { db } from "@/lib/server/db";

/** The Inventory step: extract the source (live progress), then browse what it holds. */
export default async function InventoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, migration } = await loadMigrationForPage(id);
  const steps = gateStatuses(parseGateRecords(migration.gates));
  const current = steps.find((s) => s.key === "inventory")!;
  const organizationId = user.organizationId;
  const inventory = await loadInventory(db(), organizationId, migration.id);
  return (
    <>
      <StepNav migrationId={migration.id} steps={steps} current="inventory" />
      <div className="space-y-6">
        <ExtractionPanel migrationId={migration.id} canStart={user.role === "ADMIN" && !migration.closedAt} locked={current.status === "locked"} />
        {inventory && (
          <>
            <InventorySummary inventory={inventory} />
            {/* Health data leaves the server masked; the table's toggle asks for it explicitly. */}
            <InventoryTable migrationId={migration.id} profiles={maskProfiles(inventory.profiles)} />
          </>
        )}
      </div>
    </>
  );
}
