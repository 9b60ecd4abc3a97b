/**
 * Reading written records back from Freshsales and diffing them against the source and the
 * engine's own expectation. Shared by the sample and by reconciliation's random sample.
 */
import pLimit from "p-limit";
import { listDocumentAssociations } from "@/lib/connectors/freshsales/documents";
import { FreshsalesNotFoundError } from "@/lib/connectors/freshsales/errors";
import { getRecord } from "@/lib/connectors/freshsales/record-writes";
import { unwrapRecord, type FsEntity } from "@/lib/connectors/freshsales/wire";
import { stagedData, type BatchContext } from "@/lib/migration/batch-context";
import { rowsById, type LedgerRow } from "@/lib/migration/ledger";
import { companyPayloads, contactPayloads, dealPayloads, type Payload } from "@/lib/migration/record-payloads";
import { diffActivity } from "./activity-diff";
import { diffRecord, type DiffRow } from "./field-diff";
import type { WriteOrder } from "../migration/engine-bridge";

const ENTITY: Record<string, FsEntity> = { companies: "sales_account", contacts: "contact", deals: "deal" };
const SINGULAR: Record<string, string> = { tasks: "task", appointments: "appointment", notes: "note" };
const PARENT: Record<string, { collection: string; entity: FsEntity }> = {
  contact: { collection: "contacts", entity: "contact" },
  company: { collection: "companies", entity: "sales_account" },
  deal: { collection: "deals", entity: "deal" },
};

/** A ledger row's outcome, for the records that have no field diff (failed or skipped). */
export interface RecordOutcome {
  objectType: string;
  sourceId: string;
  state: string;
  target: string | null;
  reason: string | null;
}

const READ_CONCURRENCY = 6;

const written = (rows: LedgerRow[]) => rows.filter((r) => r.state === "written" && r.destId);

async function getActivity(ctx: BatchContext, kind: string, id: string): Promise<Record<string, unknown> | null> {
  try {
    const { body } = await ctx.conn.request("GET", `${kind}/${id}`);
    return unwrapRecord(body, SINGULAR[kind] ?? kind)?.fields ?? null;
  } catch (error) {
    if (error instanceof FreshsalesNotFoundError) return null;
    throw error;
  }
}

/** Field diff of every written record among `ids`, plus the outcome of those not written. */
export async function diffWritten(ctx: BatchContext, ids: WriteOrder, sensitivePaths: ReadonlySet<string>): Promise<{ rows: DiffRow[]; outcomes: RecordOutcome[] }> {
  const { db, migrationId } = ctx;
  // Reads in parallel, a few at a time: the connection's rate governor still paces them.
  const limit = pLimit(READ_CONCURRENCY);
  const rows: DiffRow[] = [];
  const outcomes: RecordOutcome[] = [];
  for (const objectType of ["companies", "contacts", "products", "deals", "activities", "attachments"] as const) {
    const list = ids[objectType] ?? [];
    for (let i = 0; i < list.length; i += 100) {
      const ledger = await rowsById(db, migrationId, objectType, list.slice(i, i + 100));
      for (const r of ledger) if (r.state !== "written") outcomes.push({ objectType, sourceId: r.sourceId, state: r.state, target: r.target, reason: r.reason });
      const done = written(ledger);
      if (done.length === 0 || objectType === "products") continue;
      const records = await stagedData(db, migrationId, objectType, done.map((r) => r.sourceId));
      if (objectType === "activities" || objectType === "attachments") {
        const diffs = await Promise.all(
          done.map((r) =>
            limit(async () => {
              const record = records.get(r.sourceId) ?? {};
              const destination = objectType === "activities" ? await getActivity(ctx, r.target ?? "tasks", r.destId!) : await getDocument(ctx, record, r.destId!);
              return diffActivity({ objectType, sourceId: r.sourceId, target: r.target, destId: r.destId, record, destination });
            }),
          ),
        );
        rows.push(...diffs.flat());
        continue;
      }
      const payloads =
        objectType === "companies"
          ? await companyPayloads(ctx, records, new Set(done.filter((r) => r.reason?.startsWith("parent-company cycle")).map((r) => r.sourceId)))
          : objectType === "contacts"
            ? await contactPayloads(ctx, records, new Map(done.map((r) => [r.sourceId, r.target])))
            : await dealPayloads(ctx, records);
      const dests = await Promise.all(done.map((r) => limit(() => getRecord(ctx.conn, ENTITY[objectType]!, Number(r.destId)))));
      done.forEach((r, i) => {
        const destination = dests[i]?.fields ?? null;
        rows.push(...diffRecord({ objectType, sourceId: r.sourceId, target: r.target, destId: r.destId, record: records.get(r.sourceId) ?? {}, payload: keptOwner(ctx, r, payloads.get(r.sourceId), destination), destination }, ctx.settings.mapping.fieldMap, sensitivePaths));
      });
    }
  }
  return { rows, outcomes };
}

/**
 * A record already in Freshsales that the run updated keeps its owner unless the admin allowed
 * changing it (existing-records.ts): the owner expected is the one it has, not the mapped one.
 */
function keptOwner(ctx: BatchContext, row: { action: string | null }, payload: Payload | undefined, destination: Record<string, unknown> | null): Payload | undefined {
  if (row.action !== "updated" || ctx.settings.policies.changeOwner || !payload?.ok || !destination || !("owner_id" in payload.fields)) return payload;
  return { ...payload, fields: { ...payload.fields, owner_id: destination.owner_id as number } };
}

async function getDocument(ctx: BatchContext, record: Record<string, unknown>, destId: string): Promise<Record<string, unknown> | null> {
  const parent = PARENT[String(record.parent_type)];
  if (!parent) return null;
  const [row] = await rowsById(ctx.db, ctx.migrationId, parent.collection, [String(record.parent_id)]);
  if (!row?.destId) return null;
  const docs = await listDocumentAssociations(ctx.conn, parent.entity, Number(row.destId)).catch((e: unknown) => {
    if (e instanceof FreshsalesNotFoundError) return [];
    throw e;
  });
  const doc = docs.find((d) => String(d.id) === destId);
  return doc ? { name: doc.name, size: doc.size } : null;
}

/** `${object}.${path}` of every field the inventory flags as health data. */
export async function sensitivePathsOf(db: BatchContext["db"], migrationId: string): Promise<Set<string>> {
  const inv = await db.inventory.findUnique({ where: { migrationId }, select: { profiles: true } });
  const profiles = (inv?.profiles ?? []) as { object?: string; path?: string; sensitive?: boolean }[];
  return new Set(profiles.filter((p) => p.sensitive && p.object && p.path).map((p) => `${p.object}.${p.path}`));
}
