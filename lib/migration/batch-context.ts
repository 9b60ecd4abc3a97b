import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { ownerFor } from "@/lib/mapping/owner-resolution";
import type { Db } from "@/lib/server/db";
import { destIds, type Outcome } from "./ledger";
import type { EngineDeps, RunSettings } from "./types";

/** One batch's view of the run: settings, the staged records, a call counter, and the outcomes so far. */
export interface BatchContext {
  deps: EngineDeps;
  db: Db;
  conn: FreshsalesConnection;
  runId: string;
  migrationId: string;
  settings: RunSettings;
  calls: { n: number };
  chaos: (point: string) => void;
  /**
   * Where relationships' destination ids come from: the ledger unless told. The dry run
   * answers them from its own predictions (nothing is written, so the ledger has none).
   */
  links?: LinkSource;
  /**
   * The cutover window rewriting records the run wrote: a relation the source dropped (a parent
   * company, a contact's company or Lead stage, a deal's account or line items) is sent as empty
   * rather than left out, so Freshsales drops it too. A full run creates, so it leaves them out.
   */
  rewrite?: boolean;
}

export type LinkSource = (objectType: string, sourceIds: readonly string[]) => Promise<Map<string, { destId: string; target: string | null }>>;

/** Destination ids of the written records `sourceIds` of `objectType`, from `ctx.links` or the ledger. */
export function linkedIds(ctx: BatchContext, objectType: string, sourceIds: readonly string[]): Promise<Map<string, { destId: string; target: string | null }>> {
  return ctx.links ? ctx.links(objectType, sourceIds) : destIds(ctx.db, ctx.migrationId, objectType, sourceIds);
}

/**
 * The batch's connection: counts its logical calls (the run's throughput figures), and marks
 * them deferrable when nothing waits for the batch (activities, documents, products, line
 * items), so the upserts later phases wait for are not queued behind them at the governor.
 */
export function countingConnection(conn: FreshsalesConnection, calls: { n: number }, deferrable = false): FreshsalesConnection {
  const counted = Object.create(conn) as FreshsalesConnection;
  counted.request = (method, path, options) => {
    calls.n++;
    return conn.request(method, path, deferrable ? { ...options, deferrable: true } : options);
  };
  return counted;
}

export async function stagedData(db: Db, migrationId: string, collection: string, sourceIds: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await db.$queryRawUnsafe<{ sourceId: string; data: Record<string, unknown> }[]>(
    `SELECT "sourceId", data FROM "StagedRecord" WHERE "migrationId" = $1 AND collection = $2 AND "sourceId" = ANY($3::text[])`,
    migrationId, collection, [...new Set(sourceIds)],
  );
  return new Map(rows.map((r) => [r.sourceId, r.data]));
}

export type OwnerResult = { ok: true; ownerId: number } | { ok: false; reason: string };

export function resolveOwner(ctx: BatchContext, record: Record<string, unknown>, what: string): OwnerResult {
  try {
    const source = typeof record.owner_id === "string" ? record.owner_id : null;
    const { owners } = ctx.settings.mapping;
    // An owner id that names no source user at all (a dangling reference) goes to the fallback owner.
    if (source && !owners.owners[source] && owners.fallbackOwnerId !== null) return { ok: true, ownerId: Number(owners.fallbackOwnerId) };
    const id = ownerFor(source, owners);
    return { ok: true, ownerId: Number(id) };
  } catch (error) {
    return { ok: false, reason: `${what}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export const failed = (sourceId: string, reason: string): Outcome => ({ sourceId, state: "failed", reason });

export function errorText(error: unknown): string {
  if (error && typeof error === "object" && "messages" in error && Array.isArray((error as { messages: unknown }).messages)) {
    const messages = (error as { messages: string[] }).messages;
    if (messages.length > 0) return messages.join("; ");
  }
  return error instanceof Error ? error.message : String(error);
}

export function iso(value: unknown): string | null {
  if (typeof value !== "string" || value === "") return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export const marker = (sourceId: string) => `[vp:${sourceId}]`;

/** Attempts a pending row may take before it fails with the error that keeps stopping it. */
export const MAX_ATTEMPTS = 10;
