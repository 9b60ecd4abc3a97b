import type { Connection } from "@/lib/generated/prisma/client";
import type { ConnectionKind } from "@/lib/generated/prisma/enums";
import { getMigrationOrThrow } from "@/lib/gates/data";
import type { Db } from "@/lib/server/db";
import { isConnectionPlan } from "./plans";
import { secretHint } from "./secrets";
import type { ConnectionsView, ConnectionView, TestSummary } from "./types";

/** Server-side only: the row with its ciphertext. Tenant in the `where`. */
export function findConnection(db: Db, organizationId: string, migrationId: string, kind: ConnectionKind): Promise<Connection | null> {
  return db.connection.findFirst({ where: { organizationId, migrationId, kind } });
}

export function toView(row: Connection): ConnectionView {
  return {
    id: row.id,
    kind: row.kind,
    mode: row.mode === "bundle" ? "bundle" : "api",
    baseUrl: row.baseUrl,
    plan: isConnectionPlan(row.plan) ? row.plan : null,
    callsPerHour: row.callsPerHour,
    secretHint: secretHint(row),
    bundleName: row.bundleName,
    bundleBytes: row.bundleBytes === null ? null : Number(row.bundleBytes),
    lastTestOk: row.lastTestOk,
    lastTestSummary: (row.lastTestSummary as TestSummary | null) ?? null,
    lastTestedAt: row.lastTestedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Both connections of a migration as the browser may see them; another org's migration is not found. */
export async function getConnectionsView(db: Db, organizationId: string, migrationId: string): Promise<ConnectionsView> {
  await getMigrationOrThrow(db, organizationId, migrationId);
  const rows = await db.connection.findMany({ where: { organizationId, migrationId } });
  const vp = rows.find((r) => r.kind === "VISUAL_PRACTICE");
  const fs = rows.find((r) => r.kind === "FRESHSALES");
  return {
    visualPractice: vp ? toView(vp) : null,
    freshsales: fs ? toView(fs) : null,
    ready: Boolean(vp?.lastTestOk && fs?.lastTestOk),
  };
}
