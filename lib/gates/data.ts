import type { Db } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";

/**
 * Tenant in the `where`, always: another organisation's migration is not found, exactly
 * like one that does not exist.
 */
export async function getMigrationOrThrow(db: Db, organizationId: string, migrationId: string) {
  const migration = await db.migration.findFirst({
    where: { id: migrationId, organizationId },
    include: { createdBy: { select: { email: true, name: true } } },
  });
  if (!migration) throw new NotFoundError("Migration");
  return migration;
}

export function listMigrations(db: Db, organizationId: string) {
  return db.migration.findMany({
    where: { organizationId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, sourcePlatform: true, destinationPlatform: true, gates: true, closedAt: true, createdAt: true },
  });
}
