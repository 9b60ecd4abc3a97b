import { getMigrationOrThrow } from "@/lib/gates/data";
import type { Db } from "@/lib/server/db";
import type { InventoryCounts } from "./build-inventory";
import type { CatalogueEntry, InventoryFieldProfile } from "./types";

export interface LoadedInventory {
  migrationId: string;
  migrationName: string;
  runId: string;
  createdAt: string;
  counts: Record<string, InventoryCounts>;
  profiles: InventoryFieldProfile[];
  catalogue: CatalogueEntry[];
  workflows: unknown[];
}

/** The migration's stored inventory, or null before the first extraction; tenant-scoped. */
export async function loadInventory(db: Db, organizationId: string, migrationId: string): Promise<LoadedInventory | null> {
  const migration = await getMigrationOrThrow(db, organizationId, migrationId);
  const row = await db.inventory.findUnique({ where: { migrationId: migration.id } });
  if (!row) return null;
  return {
    migrationId: migration.id,
    migrationName: migration.name,
    runId: row.runId,
    createdAt: row.createdAt.toISOString(),
    counts: row.counts as unknown as Record<string, InventoryCounts>,
    profiles: row.profiles as unknown as InventoryFieldProfile[],
    catalogue: row.catalogue as unknown as CatalogueEntry[],
    workflows: row.workflows as unknown as unknown[],
  };
}
