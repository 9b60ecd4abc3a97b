/**
 * Accounts, contacts and deals: one bulk upsert per batch keyed by `cf_vp_id`, so a crash
 * between the call and the ledger commit repeats an upsert, never a create. A contact whose
 * email a destination contact already holds, or an account whose name a destination account
 * holds, follows the admin's "already exists" policy (existing-records.ts): its prior values
 * are captured in the ledger before it is updated or filled. A record the bulk job gave no verdict
 * for, or reported failed, is settled by looking for the destination record carrying its source
 * id: never failed while Freshsales may hold it.
 */
import { createHash } from "node:crypto";
import { bulkUpsert, type BulkUpsertItem } from "@/lib/connectors/freshsales/bulk-upsert";
import { findBySourceIds, SOURCE_ID_FIELD } from "@/lib/connectors/freshsales/find-by-source-id";
import { lookup } from "@/lib/connectors/freshsales/lookups";
import { getRecord, updateRecord } from "@/lib/connectors/freshsales/record-writes";
import type { FsEntity, FsFields, FsRecord } from "@/lib/connectors/freshsales/wire";
import { errorText, failed, MAX_ATTEMPTS, stagedData, type BatchContext } from "./batch-context";
// Only read inside functions, so the cycle with the engine (which calls writeUpserts) is harmless.
import { capturePrior, record, rowsById, type LedgerRow, type Outcome } from "./ledger";
import { companyPayloads, contactPayloads, dealPayloads, type Payload } from "./record-payloads";
import { keptApart } from "./duplicate-contacts";
import { LEADS_MODULE, leadsToModule, writeLeads } from "./write-leads";
import { destinationAccountsByName, existingPolicy, existingSkipReason, existingWrite, existingWriteReason, payloadName, resumedSend, type MatchedObject } from "./existing-records";

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
        ? await contactPayloads(ctx, records, new Map(work.map((r) => [r.sourceId, r.target])), new Set(work.filter((r) => keptApart(r.reason)).map((r) => r.sourceId)))
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
  // Leads bound for the Classic Leads module are created there, not upserted as contacts.
  const leadRows = objectType === "contacts" && leadsToModule(ctx) ? work.filter((r) => (r.target === "leads" || r.target === LEADS_MODULE) && items.some((i) => i.sourceId === r.sourceId)) : [];
  if (leadRows.length > 0) items.splice(0, items.length, ...items.filter((i) => !leadRows.some((r) => r.sourceId === i.sourceId)));
  const leadsSettled = leadRows.length > 0 ? await writeLeads(ctx, leadRows, payloads) : true;
  // Freshsales would take a second account of a name (or refuse it): one read finds those
  // already there that are not ours, and the admin's policy decides instead of the upsert.
  const matched = objectType === "companies" ? await matchAccounts(ctx, items) : [];
  ctx.chaos(`${objectType}:before-bulk`);
  const results = items.length > 0 ? await bulkUpsert(ctx.conn, entity, items, { pollIntervalMs: ctx.deps.bulkPollMs ?? 50 }) : [];
  ctx.chaos(`${objectType}:after-bulk`);
  const taken: Item[] = [];
  const unknown: { item: Item; why: string }[] = [];
  const refused: { item: Item; why: string }[] = [];
  for (const result of results) {
    const item = items[result.index]!;
    const why = result.errors.join("; ");
    if (result.status === "success" && result.id !== undefined) outcomes.push(writtenOutcome(ctx, objectType, rows, item, result.id));
    else if (result.status === "unknown") unknown.push({ item, why });
    else if (objectType === "contacts" && result.errors.some(isEmailTaken)) taken.push(item);
    // Reported failed yet naming a record: Freshsales may hold it, so it is settled like an unknown.
    else if (result.id !== undefined) unknown.push({ item, why: `reported failed (${why || "no message"}) with id ${result.id}` });
    else refused.push({ item, why: why || "rejected by Freshsales" });
  }
  await record(ctx.db, ctx.migrationId, objectType, ctx.runId, outcomes);
  if (refused.length > 0) await settleRefused(ctx, objectType, rows, refused);
  const settled = unknown.length === 0 || (await settleUnknown(ctx, objectType, rows, unknown, taken));
  const matches: Match[] = [...matched, ...taken.map((item) => ({ sourceId: item.sourceId, fields: item.fields, key: payloadEmail(item.fields) }))];
  if (matches.length > 0 || existing.length > 0) await writeExisting(ctx, objectType === "companies" ? "companies" : "contacts", matches, existing, payloads);
  return settled && leadsSettled;
}

/** Accounts among `items` (taken out of them) whose name a destination account not carrying their source id holds. */
async function matchAccounts(ctx: BatchContext, items: Item[]): Promise<Match[]> {
  if (items.length === 0) return [];
  const holders = await destinationAccountsByName(ctx.conn, items.map((i) => payloadName(i.fields)));
  const out: Match[] = [];
  for (const item of [...items]) {
    const name = payloadName(item.fields);
    const found = holders.get(name.trim().toLowerCase());
    if (!found || found.fields[SOURCE_ID_FIELD] === item.sourceId) continue;
    items.splice(items.indexOf(item), 1);
    out.push({ sourceId: item.sourceId, fields: item.fields, key: name, found });
  }
  return out;
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

/**
 * Items the job reported failed: the ledger says failed only once no record carrying their
 * source id is in Freshsales (one filtered search for the batch). A Freshsales may report an
 * item failed after writing it (a later step of its own failing); such a record is written,
 * its reason saying what was reported, so the ledger still agrees with the destination.
 */
async function settleRefused(ctx: BatchContext, objectType: "companies" | "contacts" | "deals", rows: LedgerRow[], refused: { item: Item; why: string }[]): Promise<void> {
  const found = await findBySourceIds(ctx.conn, ENTITY[objectType]!, refused.map((r) => r.item.sourceId));
  const outcomes = refused.map(({ item, why }): Outcome => {
    const hit = found.get(item.sourceId)?.id;
    if (hit === undefined) return failed(item.sourceId, `${objectType} ${item.sourceId}: ${why}`);
    const written = writtenOutcome(ctx, objectType, rows, item, hit);
    return { ...written, reason: [written.reason, `Freshsales reported it failed (${why}) yet holds it`].filter(Boolean).join("; ").slice(0, 2000) };
  });
  await record(ctx.db, ctx.migrationId, objectType, ctx.runId, outcomes);
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

/** The payload's first email, as the engine sends it and looks it up. */
export function payloadEmail(fields: FsFields): string {
  return Array.isArray(fields.emails) ? String(fields.emails[0] ?? "") : typeof fields.emails === "string" ? fields.emails : "";
}

/** A source record matched to a destination record: by email (contacts, found by lookup when absent) or name (accounts). */
interface Match {
  sourceId: string;
  fields: FsFields;
  key: string;
  found?: FsRecord;
}

/**
 * Records a destination record already holds, per the admin's policy: skip, or update / fill
 * empty fields only (prior values of exactly the fields sent captured first, the owner kept
 * unless the admin asked). `resumed`: rows whose capture committed before a crash.
 */
async function writeExisting(ctx: BatchContext, objectType: MatchedObject, matches: Match[], resumed: LedgerRow[], payloads: Map<string, Payload>): Promise<void> {
  const entity = ENTITY[objectType]!;
  const { changeOwner } = ctx.settings.policies;
  const policy = existingPolicy(ctx.settings.policies, objectType);
  for (const m of matches) {
    if (policy === "skip") {
      await record(ctx.db, ctx.migrationId, objectType, ctx.runId, [{ sourceId: m.sourceId, state: "skipped", reason: existingSkipReason(objectType, m.key) }]);
      continue;
    }
    const found = objectType === "contacts"
      ? (await lookup(ctx.conn, { value: m.key, field: "email", entities: ["contact"] })).contact[0]
      : m.found && ((await getRecord(ctx.conn, entity, m.found.id)) ?? undefined);
    if (!found) {
      await record(ctx.db, ctx.migrationId, objectType, ctx.runId, [failed(m.sourceId, `${objectType} ${m.sourceId}: ${objectType === "contacts" ? "email" : "name"} ${m.key} is taken, but no destination record was found by it`)]);
      continue;
    }
    if (found.fields[SOURCE_ID_FIELD] === m.sourceId) {
      // Ours after all (an upsert of an earlier attempt whose answer was lost; a thin search answer did not say).
      const p = payloads.get(m.sourceId);
      await record(ctx.db, ctx.migrationId, objectType, ctx.runId, [{ sourceId: m.sourceId, state: "written", action: "created", destId: String(found.id), reason: rowReason([], m.sourceId, p?.ok ? p.flags : []) }]);
      continue;
    }
    const { prior } = existingWrite(policy, changeOwner, m.fields, found);
    await capturePrior(ctx.db, ctx.migrationId, objectType, m.sourceId, String(found.id), prior);
    ctx.chaos(`${objectType}:after-capture`);
    resumed.push({ sourceId: m.sourceId, target: null, state: "intent", action: "updated", destId: String(found.id), attempts: 0, reason: null, priorValues: prior });
  }
  const rows = resumed.length > 0 ? await rowsById(ctx.db, ctx.migrationId, objectType, resumed.map((r) => r.sourceId)) : [];
  for (const row of rows) {
    const p = payloads.get(row.sourceId);
    if (!p?.ok || !row.destId) continue;
    const send = resumedSend(p.fields, row.priorValues);
    try {
      if (Object.keys(send).length > 0) await updateRecord(ctx.conn, entity, Number(row.destId), send);
      await record(ctx.db, ctx.migrationId, objectType, ctx.runId, [
        { sourceId: row.sourceId, state: "written", action: "updated", destId: row.destId, reason: existingWriteReason(objectType, policy) },
      ]);
    } catch (error) {
      await record(ctx.db, ctx.migrationId, objectType, ctx.runId, [failed(row.sourceId, `${objectType} ${row.sourceId}: ${errorText(error)}`)]);
    }
  }
}
