import { openDestination } from "@/lib/connections/open-clients";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { discoverMetadata, type FsMetadata } from "@/lib/connectors/freshsales/metadata";
import type { Db } from "@/lib/server/db";

/** The migration's Freshsales connection, paced by the account's budget shared through Postgres. */
export async function openFreshsales(db: Db, organizationId: string, migrationId: string): Promise<FreshsalesConnection> {
  return (await openDestination(db, organizationId, migrationId, { timeoutMs: 30_000 })).connection;
}

/** Reads the destination schema and keeps it as the migration's snapshot. */
export async function refreshSnapshot(db: Db, organizationId: string, migrationId: string): Promise<{ metadata: FsMetadata; fetchedAt: Date }> {
  const conn = await openFreshsales(db, organizationId, migrationId);
  try {
    const metadata = await discoverMetadata(conn);
    const fetchedAt = new Date();
    await db.destinationSnapshot.upsert({
      where: { migrationId },
      create: { migrationId, data: metadata as unknown as object, fetchedAt },
      update: { data: metadata as unknown as object, fetchedAt },
    });
    return { metadata, fetchedAt };
  } finally {
    conn.close();
  }
}

/** The stored snapshot; callers have already checked the migration belongs to the organisation. */
export async function loadSnapshot(db: Db, migrationId: string): Promise<{ metadata: FsMetadata; fetchedAt: Date } | null> {
  const row = await db.destinationSnapshot.findUnique({ where: { migrationId } });
  return row ? { metadata: row.data as unknown as FsMetadata, fetchedAt: row.fetchedAt } : null;
}
