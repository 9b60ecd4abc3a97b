/**
 * Accounts, contacts and deals: one bulk upsert per batch keyed by `cf_vp_id`, so a crash
 * between the call and the ledger commit repeats an upsert, never a create. A contact whose
 * email a destination contact already holds follows the "already exists" policy: its prior
 * values are captured in the ledger before it is updated. A record the bulk job gave no verdict
 * for is settled by looking for the destination record carrying its source id, never failed
 * for the job's silence alone.
 */
import { createHash } from "node:crypto";
import { bulkUpsert, type BulkUpsertItem } from "@/lib/connectors/freshsales/bulk-upsert";
import { findBySourceIds, SOURCE_ID_FIELD } from "@/lib/connectors/freshsales/find-by-source-id";
import { lookup } from "@/lib/connectors/freshsales/lookups";
import { updateRecord } from "@/lib/connectors/freshsales/record-writes";
import type { FsEntity, FsFields } from "@/lib/connectors/freshsales/wire";
import { errorText, failed, MAX_ATTEMPTS, stagedData, type BatchContext } from "./batch-context";
// Only read inside functions, so the cycle with the engine (which calls writeUpserts) is harmless.
import { capturePrior, record, rowsById, type LedgerRow, type Outcome } from "./ledger";
import { companyPayloads, contactPayloads, dealPayloads, type Payload } from "./record-payloads";

const ENTITY: Record<string, FsEntity> = { companies: "sales_account", contacts: "contact", deals: "deal" };
const hash = (fields: FsFields) => createHash("sha256").update(JSON.stringify(fields)).digest("hex").slice(0, 32);
const CYCLE = "parent-company cycle";

type Item = BulkUpsertItem & { sourceId: string; payload: Extract<Payload, { ok: true }> };

/**
 * Answers false when some record's outcome is still unknown (the bulk job said nothing of it
 * and no destination record carries its source id yet): its row stays pending, and the batch
 * is retried.
 */
export async function writeUpserts(ctx: BatchContext, objectType: "companies" | "contacts" | "deals", rows: LedgerRow[]): Promise<boolean> {
  const entity = ENTITY[objectType]!;
  const work = rows.filter((r) => r.state === "pending" || (r.state === "intent" && objectType !== "deals"));
  if (work.length === 0) return true;
  const records = await stagedData(ctx.db, ctx.migrationId, objectType, work.map((r) => r.sourceId));
  const payloads =
    objectType === "companies"
      ? await companyPayloads(ctx, records, new Set(work.filter((r) => r.reason?.startsWith(CYCLE)).map((r) => r.sourceId)))
      : objectType === "contacts"
        ? await contactPayloads(ctx, records, new Map(work.map((r) => [r.sourceId, r.target])))
        : await dealPayloads(ctx, records);
  const outcomes: Outcome[] = [];
  const items: Item[] = [];
  const existing: LedgerRow[] = [];
  for (const row of work) {
    const p = payloads.get(row.sourceId);
    if (!p) outcomes.push(failed(row.sourceId, `${objectType} ${row.sourceId}: the staged record is missing`));
    else if (!p.ok) outcomes.push(p.skip ? { sourceId: row.sourceId, state: "skipped", reason: p.reason } : failed(row.sourceId, p.reason));
    else if (row.state === "intent" && row.action === "updated") existing.push(row);
    else items.push({ identifier: { [SOURCE_ID_FIELD]: row.sourceId }, fields: p.fields, sourceId: row.sourceId, payload: p });
  }
  await record(ctx.db, ctx.migrationId, objectType, ctx.runId, outcomes);
  outcomes.length = 0;
  ctx.chaos(`${objectType}:before-bulk`);
  const results = items.length > 0 ? await bulkUpsert(ctx.conn, entity, items, { pollIntervalMs: ctx.deps.bulkPollMs ?? 50 }) : [];
  ctx.chaos(`${objectType}:after-bulk`);
  const taken: Item[] = [];
  const unknown: { item: Item; why: string }[] = [];
  for (const result of results) {
    const item = items[result.index]!;
    if (result.status === "success" && result.id !== undefined) outcomes.push(writtenOutcome(ctx, objectType, rows, item, result.id));
    else if (result.status === "unknown") unknown.push({ item, why: result.errors.join("; ") });
    else if (objectType === "contacts" && result.errors.some(isEmailTaken)) taken.push(item);
    else outcomes.push(failed(item.sourceId, `${objectType} ${item.sourceId}: ${result.errors.join("; ") || "rejected by Freshsales"}`));
  }
  await record(ctx.db, ctx.migrationId, objectType, ctx.runId, outcomes);
  const settled = unknown.length === 0 || (await settleUnknown(ctx, objectType, rows, unknown, taken));
  if (taken.length > 0 || existing.length > 0) await writeExisting(ctx, taken, existing, payloads);
  return settled;
}

/** The wording differs between implementations ("already exists for another contact", "has already been taken"). */
function isEmailTaken(error: string): boolean {
  return /e-?mail/i.test(error) && /already|taken|duplicate|in use/i.test(error);
}

function writtenOutcome(ctx: BatchContext, objectType: string, rows: LedgerRow[], item: Item, destId: number): Outcome {
  // A deal with line items is only partly written: the deal_products phase finishes it. The
  // cutover window sends every deal's line items again, so a deal whose last item was removed
  // loses it in Freshsales too.
  const lines = (item.payload.lineItems ?? 0) > 0 || (ctx.rewrite === true && ctx.settings.mapping.routing.product.dealLineItems);
  const partial = objectType === "deals" && lines;
  return { sourceId: item.sourceId, state: partial ? "intent" : "written", action: "created", destId: String(destId), reason: rowReason(rows, item.sourceId, item.payload.flags), payloadHash: hash(item.fields) };
}

/**
 * Items the bulk job gave no verdict for, settled by the record carrying their source id: found,
 * it is written under that id (the upsert was keyed by cf_vp_id, so the record is ours); not
 * found, the row stays as it was with the attempt counted, so the next attempt repeats the upsert
 * (harmless) — until MAX_ATTEMPTS, when it fails saying why. A contact not found whose email a
 * destination contact holds was refused for that email: it takes the "already exists" policy.
 * Answers whether every item was settled.
 */
async function settleUnknown(ctx: BatchContext, objectType: "companies" | "contacts" | "deals", rows: LedgerRow[], unknown: { item: Item; why: string }[], taken: Item[]): Promise<boolean> {
  const entity = ENTITY[objectType]!;
  const found = await findBySourceIds(ctx.conn, entity, unknown.map((u) => u.item.sourceId));
  const outcomes: Outcome[] = [];
  let open = false;
  for (const { item, why } of unknown) {
    const hit = found.get(item.sourceId)?.id ?? (objectType === "contacts" ? await byEmail(ctx, item, taken) : undefined);
    if (hit !== undefined) {
      outcomes.push(writtenOutcome(ctx, objectType, rows, item, hit));
      continue;
    }
    if (taken.includes(item)) continue;
    const row = rows.find((r) => r.sourceId === item.sourceId)!;
    if (row.attempts + 1 >= MAX_ATTEMPTS) {
      outcomes.push(failed(item.sourceId, `${objectType} ${item.sourceId}: gave up after ${MAX_ATTEMPTS} attempts: ${why}, and no ${entity} in Freshsales carries ${SOURCE_ID_FIELD} ${item.sourceId}`));
    } else {
      // Reason kept as it was: it may carry routing notes (the parent-company cycle) the next attempt reads.
      outcomes.push({ sourceId: item.sourceId, state: row.state, reason: row.reason });
      open = true;
    }
  }
  await record(ctx.db, ctx.migrationId, objectType, ctx.runId, outcomes);
  return !open;
}

/** A contact by its email: ours (carrying its source id) → its id; another's → queued in `taken`. */
async function byEmail(ctx: BatchContext, item: Item, taken: Item[]): Promise<number | undefined> {
  const email = payloadEmail(item.fields);
  if (!email) return undefined;
  const hit = (await lookup(ctx.conn, { value: email, field: "email", entities: ["contact"] })).contact[0];
  if (!hit) return undefined;
  if (hit.fields[SOURCE_ID_FIELD] === item.sourceId) return hit.id;
  taken.push(item);
  return undefined;
}

function rowReason(rows: LedgerRow[], sourceId: string, flags: string[]): string | null {
  const kept = rows.find((r) => r.sourceId === sourceId)?.reason ?? null;
  const parts = [kept, ...flags].filter((x): x is string => !!x);
  return parts.length > 0 ? parts.join("; ").slice(0, 2000) : null;
}

/** The ledger's word for a contact skipped because a destination contact holds its email (policy skip). */
export function emailTakenSkipReason(email: string): string {
  return `a destination contact already has email ${email}; policy: skip`;
}

/** The reason an updated contact's row carries (policy update). */
export const EMAIL_TAKEN_UPDATE_REASON = "a destination contact already had this email; updated, prior values kept";

/** The payload's first email, as the engine sends it and looks it up. */
export function payloadEmail(fields: FsFields): string {
  return Array.isArray(fields.emails) ? String(fields.emails[0] ?? "") : typeof fields.emails === "string" ? fields.emails : "";
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
    const email = payloadEmail(item.fields);
    if (policy === "skip") {
      await record(ctx.db, ctx.migrationId, "contacts", ctx.runId, [{ sourceId: item.sourceId, state: "skipped", reason: emailTakenSkipReason(email) }]);
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
        { sourceId: row.sourceId, state: "written", action: "updated", destId: row.destId, reason: EMAIL_TAKEN_UPDATE_REASON },
      ]);
    } catch (error) {
      await record(ctx.db, ctx.migrationId, "contacts", ctx.runId, [failed(row.sourceId, `contact ${row.sourceId}: ${errorText(error)}`)]);
    }
  }
}
