/**
 * Accounts, contacts and deals: one bulk upsert per batch keyed by `cf_vp_id`, so a crash
 * between the call and the ledger commit repeats an upsert, never a create. A contact whose
 * email a destination contact already holds follows the "already exists" policy: its prior
 * values are captured in the ledger before it is updated.
 */
import { createHash } from "node:crypto";
import { bulkUpsert, type BulkUpsertItem } from "@/lib/connectors/freshsales/bulk-upsert";
import { lookup } from "@/lib/connectors/freshsales/lookups";
import { updateRecord } from "@/lib/connectors/freshsales/record-writes";
import type { FsEntity, FsFields } from "@/lib/connectors/freshsales/wire";
import { errorText, failed, stagedData, type BatchContext } from "./batch-context";
import { capturePrior, record, rowsById, type LedgerRow, type Outcome } from "./ledger";
import { companyPayloads, contactPayloads, dealPayloads, type Payload } from "./record-payloads";

const ENTITY: Record<string, FsEntity> = { companies: "sales_account", contacts: "contact", deals: "deal" };
const hash = (fields: FsFields) => createHash("sha256").update(JSON.stringify(fields)).digest("hex").slice(0, 32);
const CYCLE = "parent-company cycle";

export async function writeUpserts(ctx: BatchContext, objectType: "companies" | "contacts" | "deals", rows: LedgerRow[]): Promise<void> {
  const entity = ENTITY[objectType]!;
  const work = rows.filter((r) => r.state === "pending" || (r.state === "intent" && objectType !== "deals"));
  if (work.length === 0) return;
  const records = await stagedData(ctx.db, ctx.migrationId, objectType, work.map((r) => r.sourceId));
  const payloads =
    objectType === "companies"
      ? await companyPayloads(ctx, records, new Set(work.filter((r) => r.reason?.startsWith(CYCLE)).map((r) => r.sourceId)))
      : objectType === "contacts"
        ? await contactPayloads(ctx, records, new Map(work.map((r) => [r.sourceId, r.target])))
        : await dealPayloads(ctx, records);
  const outcomes: Outcome[] = [];
  const items: (BulkUpsertItem & { sourceId: string; payload: Extract<Payload, { ok: true }> })[] = [];
  const existing: LedgerRow[] = [];
  for (const row of work) {
    const p = payloads.get(row.sourceId);
    if (!p) outcomes.push(failed(row.sourceId, `${objectType} ${row.sourceId}: the staged record is missing`));
    else if (!p.ok) outcomes.push(failed(row.sourceId, p.reason));
    else if (row.state === "intent" && row.action === "updated") existing.push(row);
    else items.push({ identifier: { cf_vp_id: row.sourceId }, fields: p.fields, sourceId: row.sourceId, payload: p });
  }
  await record(ctx.db, ctx.migrationId, objectType, ctx.runId, outcomes);
  outcomes.length = 0;
  ctx.chaos(`${objectType}:before-bulk`);
  const results = items.length > 0 ? await bulkUpsert(ctx.conn, entity, items, { pollIntervalMs: ctx.deps.bulkPollMs ?? 50 }) : [];
  ctx.chaos(`${objectType}:after-bulk`);
  const taken: typeof items = [];
  for (const result of results) {
    const item = items[result.index]!;
    const note = rowReason(rows, item.sourceId, item.payload.flags);
    if (result.status === "success" && result.id !== undefined) {
      const partial = objectType === "deals" && (item.payload.lineItems ?? 0) > 0;
      outcomes.push({ sourceId: item.sourceId, state: partial ? "intent" : "written", action: "created", destId: String(result.id), reason: note, payloadHash: hash(item.fields) });
    } else if (objectType === "contacts" && result.errors.some((e) => /already exists for another contact/.test(e))) {
      taken.push(item);
    } else {
      outcomes.push(failed(item.sourceId, `${objectType} ${item.sourceId}: ${result.errors.join("; ") || "rejected by Freshsales"}`));
    }
  }
  await record(ctx.db, ctx.migrationId, objectType, ctx.runId, outcomes);
  if (taken.length > 0 || existing.length > 0) await writeExisting(ctx, taken, existing, payloads);
}

function rowReason(rows: LedgerRow[], sourceId: string, flags: string[]): string | null {
  const kept = rows.find((r) => r.sourceId === sourceId)?.reason ?? null;
  const parts = [kept, ...flags].filter((x): x is string => !!x);
  return parts.length > 0 ? parts.join("; ").slice(0, 2000) : null;
}

/** Contacts whose email is taken in the destination: update (prior values first) or skip, per policy. */
async function writeExisting(
  ctx: BatchContext,
  taken: { sourceId: string; fields: FsFields }[],
  resumed: LedgerRow[],
  payloads: Map<string, Payload>,
): Promise<void> {
  const policy = ctx.settings.policies.existingRecord;
  for (const item of taken) {
    const email = Array.isArray(item.fields.emails) ? String(item.fields.emails[0]) : "";
    if (policy === "skip") {
      await record(ctx.db, ctx.migrationId, "contacts", ctx.runId, [{ sourceId: item.sourceId, state: "skipped", reason: `a destination contact already has email ${email}; policy: skip` }]);
      continue;
    }
    const found = (await lookup(ctx.conn, { value: email, field: "email", entities: ["contact"] })).contact[0];
    if (!found) {
      await record(ctx.db, ctx.migrationId, "contacts", ctx.runId, [failed(item.sourceId, `contact ${item.sourceId}: email ${email} is taken, but no destination contact was found by it`)]);
      continue;
    }
    const prior: Record<string, unknown> = {};
    for (const key of Object.keys(item.fields)) prior[key] = found.fields[key] ?? null;
    await capturePrior(ctx.db, ctx.migrationId, "contacts", item.sourceId, String(found.id), prior);
    ctx.chaos("contacts:after-capture");
    resumed.push({ sourceId: item.sourceId, target: null, state: "intent", action: "updated", destId: String(found.id), attempts: 0, reason: null, priorValues: prior });
  }
  const rows = resumed.length > 0 ? await rowsById(ctx.db, ctx.migrationId, "contacts", resumed.map((r) => r.sourceId)) : [];
  for (const row of rows) {
    const p = payloads.get(row.sourceId);
    if (!p?.ok || !row.destId) continue;
    try {
      await updateRecord(ctx.conn, "contact", Number(row.destId), p.fields);
      await record(ctx.db, ctx.migrationId, "contacts", ctx.runId, [
        { sourceId: row.sourceId, state: "written", action: "updated", destId: row.destId, reason: "a destination contact already had this email; updated, prior values kept" },
      ]);
    } catch (error) {
      await record(ctx.db, ctx.migrationId, "contacts", ctx.runId, [failed(row.sourceId, `contact ${row.sourceId}: ${errorText(error)}`)]);
    }
  }
}
