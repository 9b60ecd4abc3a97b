import { decryptSecret } from "@/lib/connections/crypto";
import { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { discoverMetadata, type FsMetadata } from "@/lib/connectors/freshsales/metadata";
import { PostgresBudgetStore } from "@/lib/connectors/freshsales/postgres-budget-store";
import { FRESHSALES_PLAN_LIMITS, RateGovernor, type FreshsalesPlan } from "@/lib/connectors/freshsales/rate-governor";
import type { Db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";

/**
 * The migration's Freshsales connection, paced by the account's shared budget.
 * TODO(connections): switch to `openDestination` from lib/connections/open-clients.ts once it
 * lands; this reads the same `Connection` row the same way.
 */
export async function openFreshsales(db: Db, organizationId: string, migrationId: string): Promise<FreshsalesConnection> {
  const row = await db.connection.findFirst({ where: { organizationId, migrationId, kind: "FRESHSALES" } });
  if (!row?.baseUrl || !row.secretCiphertext) {
    throw new AppError("Connect Freshsales first: the Map step reads its fields, pipelines and users.", 409, "not_connected");
  }
  let apiKey: string;
  try {
    apiKey = decryptSecret(row.secretCiphertext, env().ENCRYPTION_KEY, row.id);
  } catch {
    throw new AppError("The stored Freshsales API key can no longer be read. Enter it again on the Connect step.", 409, "secret_unreadable");
  }
  const plan = (row.plan && row.plan in FRESHSALES_PLAN_LIMITS ? row.plan : "growth") as FreshsalesPlan;
  const store = new PostgresBudgetStore((text, values = []) => db.$queryRawUnsafe<unknown[]>(text, ...values).then((rows) => ({ rows })));
  const governor = new RateGovernor({ accountKey: new URL(row.baseUrl.includes("://") ? row.baseUrl : `https://${row.baseUrl}`).host, store, plan, clockScale: env().SANDBOX_CLOCK_SCALE });
  return new FreshsalesConnection({ baseUrl: row.baseUrl, apiKey, governor, timeoutMs: 30_000 });
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
