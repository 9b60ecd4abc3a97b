import { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { PostgresBudgetStore } from "@/lib/connectors/freshsales/postgres-budget-store";
import { RateGovernor } from "@/lib/connectors/freshsales/rate-governor";
import type { RetryPolicy } from "@/lib/connectors/http/with-retry";
import { VisualPracticeClient, type VisualPracticeClientOptions } from "@/lib/connectors/visual-practice/client";
import type { Db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";
import { budgetAccountKey } from "./addresses";
import { bundlePath } from "./bundle-store";
import { findConnection } from "./data";
import { isConnectionPlan, planInfo, type ConnectionPlan, type PlanInfo } from "./plans";
import { openSecret } from "./secrets";

/**
 * The one way other features (extraction, preflight, the migration engine) reach the two
 * systems of a migration: secrets are decrypted here, on the server, and never returned.
 */
export type SourceHandle = { mode: "api"; client: VisualPracticeClient } | { mode: "bundle"; path: string };

export interface DestinationHandle {
  connection: FreshsalesConnection;
  plan: PlanInfo;
  governor: RateGovernor;
}

export class NotConnectedError extends AppError {
  constructor(system: "Visual Practice" | "Freshsales") {
    super(`Connect ${system} first (step “Connect”).`, 409, "not_connected");
  }
}

/** Visual Practice for a migration: an API client (close it when done) or the path of the uploaded bundle. */
export async function openSourceClient(
  db: Db,
  organizationId: string,
  migrationId: string,
  options: Omit<Partial<VisualPracticeClientOptions>, "baseUrl" | "token"> = {},
): Promise<SourceHandle> {
  const row = await findConnection(db, organizationId, migrationId, "VISUAL_PRACTICE");
  if (!row) throw new NotConnectedError("Visual Practice");
  if (row.mode === "bundle") {
    if (!row.bundleKey) throw new NotConnectedError("Visual Practice");
    return { mode: "bundle", path: bundlePath(row.bundleKey) };
  }
  if (!row.baseUrl) throw new NotConnectedError("Visual Practice");
  return { mode: "api", client: new VisualPracticeClient({ ...options, baseUrl: row.baseUrl, token: openSecret(row) }) };
}

/** Freshsales for a migration, paced by the account's budget shared with every worker through Postgres. */
export async function openDestination(
  db: Db,
  organizationId: string,
  migrationId: string,
  options: { timeoutMs?: number; retry?: Partial<RetryPolicy> } = {},
): Promise<DestinationHandle> {
  const row = await findConnection(db, organizationId, migrationId, "FRESHSALES");
  if (!row?.baseUrl) throw new NotConnectedError("Freshsales");
  return freshsalesFor(db, row.baseUrl, openSecret(row), isConnectionPlan(row.plan) ? row.plan : "free", { ...options, callsPerHour: row.callsPerHour });
}

/** Builds the governed connection from plain settings (used by openDestination and by "Test connection"). */
export function freshsalesFor(
  db: Db,
  baseUrl: string,
  apiKey: string,
  plan: ConnectionPlan,
  options: { timeoutMs?: number; retry?: Partial<RetryPolicy>; callsPerHour?: number | null } = {},
): DestinationHandle {
  // A custom (purchased) limit sets the pace and is the most the governor may learn up to
  // from the server's X-RateLimit-Limit; a server stating less lowers it at once.
  const governor = new RateGovernor({
    accountKey: budgetAccountKey(baseUrl, apiKey),
    store: sharedBudgetStore(db),
    plan,
    ...(options.callsPerHour ? { perHour: options.callsPerHour, maxPerHour: options.callsPerHour } : {}),
    clockScale: env().SANDBOX_CLOCK_SCALE,
  });
  const connection = new FreshsalesConnection({ baseUrl, apiKey, governor, timeoutMs: options.timeoutMs, retry: options.retry });
  return { connection, plan: planInfo(plan), governor };
}

const stores = new WeakMap<Db, PostgresBudgetStore>();

/** One budget store per database client, on the `rate_budget` table, over the client's own pool. */
export function sharedBudgetStore(db: Db): PostgresBudgetStore {
  let store = stores.get(db);
  if (!store) {
    store = new PostgresBudgetStore(async (text, values) => ({ rows: await db.$queryRawUnsafe<unknown[]>(text, ...(values ?? [])) }));
    stores.set(db, store);
  }
  return store;
}
