/**
 * The plan of a full run, record by record, without writing anything: the engine's own
 * decisions (seeding rules, payload builders with their validation and transforms, owner
 * resolution, activity and document verdicts) run over the staged data in the order the full
 * run takes, with relationships answered from the predictions instead of the ledger. The
 * destination is read only where the ledger could not answer: whether a contact's email is
 * already held there (the engine learns it from the bulk upsert's refusal).
 */
import type { FileStore } from "@/lib/connectors/visual-practice/file-store";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { SOURCE_ID_FIELD } from "@/lib/connectors/freshsales/find-by-source-id";
import type { Db } from "@/lib/server/db";
import { stagedData, type BatchContext, type LinkSource } from "../batch-context";
import { activityLinks, activityVerdict } from "../activity-verdict";
import { documentParents, documentVerdict } from "../document-verdict";
import { companyPayloads, contactPayloads, dealPayloads, type Payload } from "../record-payloads";
import { OBJECT_OF, routeStaged } from "../seed-ledger";
import { defaultAttachmentKey } from "../write-documents";
import { productPayload } from "../write-products";
import { payloadEmail } from "../write-upserts";
import { keptApart } from "../duplicate-contacts";
import { LEADS_MODULE, leadsDestination, leadsToModule } from "../write-leads";
import { destinationAccountsByName, destinationContactsByEmail, existingSkipReason, existingWriteReason, payloadName } from "../existing-records";
import type { ApprovedMapping, DestinationContext, RunPolicies, RunSettings } from "../types";

export type PredictedOutcome = "created" | "updated" | "skipped" | "failed";

export interface Prediction {
  objectType: string;
  sourceId: string;
  outcome: PredictedOutcome;
  reason: string | null;
  flags: string[];
}

/** What the full run will need from the API, per object: counted while predicting. */
export interface WorkCounts {
  /** Bulk upsert batches that carry at least one record, per object (companies, contacts, deals). */
  upsertBatches: Record<string, number>;
  /** Contacts updated or filled under the "already exists" policy (a lookup and a PUT each). */
  contactUpdates: number;
  /** Leads created in the Classic Leads module (one POST each). */
  leadCreates: number;
  /** Account batches searched by name for accounts already in Freshsales (one search each, while names fit one page). */
  accountSearches: number;
  /** Accounts updated or filled under the "already exists" policy (a read and a PUT each). */
  accountUpdates: number;
  /** Deals with line items to set (a PUT each, the deal_products phase). */
  dealsWithLineItems: number;
  /** Creates per endpoint target: tasks, appointments, notes, documents, products. */
  creates: Record<string, number>;
}

export interface PredictInput {
  db: Db;
  /** A read-only connection (readOnlyConnection): the dry run never writes. */
  conn: FreshsalesConnection;
  migrationId: string;
  mapping: ApprovedMapping;
  destination: DestinationContext;
  policies: RunPolicies;
  files?: FileStore;
  attachmentKey?: (migrationId: string, attachmentId: string) => string;
}

const BATCH = 100;
const CYCLE = "parent-company cycle";

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Where the run sends contacts without a company, why, and how many. */
export interface LeadsPlan {
  target: "leads_module" | "contact_lifecycle_lead";
  why: string;
  count: number;
}

export async function predictFullRun(input: PredictInput): Promise<{ predictions: Prediction[]; work: WorkCounts; leads: LeadsPlan }> {
  const { db, migrationId, mapping } = input;
  const predictions: Prediction[] = [];
  const pending = new Map<string, { sourceId: string; target: string | null; reason: string | null }[]>();
  const { accountLevels } = await routeStaged(db, migrationId, mapping, Object.keys(OBJECT_OF), async (collection, rows) => {
    const list = pending.get(collection) ?? [];
    pending.set(collection, list);
    for (const r of rows) {
      if (r.state === "pending") list.push({ sourceId: r.sourceId, target: r.target ?? null, reason: r.reason ?? null });
      else predictions.push({ objectType: collection, sourceId: r.sourceId, outcome: r.state === "skipped" ? "skipped" : "failed", reason: r.reason ?? null, flags: [] });
    }
  });
  for (const list of pending.values()) list.sort((a, b) => byId(a.sourceId, b.sourceId));

  // What the ledger would hold as written, so relationships resolve as in the run.
  const written = new Map<string, Map<string, { destId: string; target: string | null }>>();
  let nextId = 1;
  const links: LinkSource = async (objectType, ids) => {
    const known = written.get(objectType);
    const out = new Map<string, { destId: string; target: string | null }>();
    for (const id of ids) {
      const hit = known?.get(id);
      if (hit) out.set(id, hit);
    }
    return out;
  };
  const settings: RunSettings = { mapping, destination: input.destination, policies: input.policies, batchSize: BATCH, accountLevels };
  const ctx: BatchContext = { deps: { db, conn: input.conn, files: input.files }, db, conn: input.conn, runId: "dry-run", migrationId, settings, calls: { n: 0 }, chaos: () => {}, links };
  const work: WorkCounts = { upsertBatches: {}, contactUpdates: 0, leadCreates: 0, accountSearches: 0, accountUpdates: 0, dealsWithLineItems: 0, creates: {} };

  const put = (objectType: string, sourceId: string, outcome: PredictedOutcome, reason: string | null, flags: string[] = [], target: string | null = null) => {
    predictions.push({ objectType, sourceId, outcome, reason, flags });
    if (outcome === "created" || outcome === "updated") {
      let m = written.get(objectType);
      if (!m) written.set(objectType, (m = new Map()));
      m.set(sourceId, { destId: String(nextId++), target });
    }
  };
  const settle = (objectType: string, row: { sourceId: string; target: string | null }, p: Payload | undefined): p is Extract<Payload, { ok: true }> => {
    if (!p) put(objectType, row.sourceId, "failed", `${objectType} ${row.sourceId}: the staged record is missing`);
    else if (!p.ok) put(objectType, row.sourceId, p.skip ? "skipped" : "failed", p.reason);
    else return true;
    return false;
  };

  // Accounts, level by level (a level reads the destination ids of the one above).
  const companyRows = new Map((pending.get("companies") ?? []).map((r) => [r.sourceId, r]));
  for (const level of accountLevels) {
    for (const ids of chunks(level.filter((id) => companyRows.has(id)), BATCH)) {
      const rows = ids.map((id) => companyRows.get(id)!);
      const records = await stagedData(db, migrationId, "companies", ids);
      const payloads = await companyPayloads(ctx, records, new Set(rows.filter((r) => r.reason?.startsWith(CYCLE)).map((r) => r.sourceId)));
      const sendable = rows.flatMap((row) => {
        const p = payloads.get(row.sourceId);
        return settle("companies", row, p) ? [{ row, p }] : [];
      });
      // The engine's search by name, made here the same way (one per batch with anything to send).
      const holders = sendable.length > 0 ? await destinationAccountsByName(input.conn, sendable.map((s) => payloadName(s.p.fields))) : new Map();
      if (sendable.length > 0) work.accountSearches++;
      let items = 0;
      for (const { row, p } of sendable) {
        const name = payloadName(p.fields);
        const holder = holders.get(name.trim().toLowerCase());
        if (holder && holder.fields[SOURCE_ID_FIELD] !== row.sourceId) {
          const policy = input.policies.existingAccount;
          if (policy === "skip") put("companies", row.sourceId, "skipped", existingSkipReason("companies", name));
          else {
            put("companies", row.sourceId, "updated", existingWriteReason("companies", policy), p.flags, "sales_accounts");
            work.accountUpdates++;
          }
          continue;
        }
        items++;
        put("companies", row.sourceId, "created", null, withKept(row.reason, p.flags), "sales_accounts");
      }
      if (items > 0) work.upsertBatches.companies = (work.upsertBatches.companies ?? 0) + 1;
    }
  }

  for (const rows of chunks(pending.get("products") ?? [], BATCH)) {
    const records = await stagedData(db, migrationId, "products", rows.map((r) => r.sourceId));
    for (const row of rows) {
      const r = records.get(row.sourceId);
      if (!r) continue;
      const built = productPayload(ctx, row.sourceId, r);
      if (!built.ok) put("products", row.sourceId, "failed", built.reason);
      else {
        put("products", row.sourceId, "created", null, [], "products");
        work.creates.products = (work.creates.products ?? 0) + 1;
      }
    }
  }

  for (const rows of chunks(pending.get("contacts") ?? [], BATCH)) {
    const records = await stagedData(db, migrationId, "contacts", rows.map((r) => r.sourceId));
    const payloads = await contactPayloads(ctx, records, new Map(rows.map((r) => [r.sourceId, r.target])), new Set(rows.filter((r) => keptApart(r.reason)).map((r) => r.sourceId)));
    const settled = rows.flatMap((row) => {
      const p = payloads.get(row.sourceId);
      return settle("contacts", row, p) ? [{ row, p }] : [];
    });
    // Leads bound for the Classic Leads module: one create each, never an upsert or an email clash.
    const toModule = leadsToModule(ctx);
    const sendable = settled.filter(({ row, p }) => {
      if (!toModule || row.target !== "leads") return true;
      put("contacts", row.sourceId, "created", null, withKept(row.reason, p.flags), LEADS_MODULE);
      work.leadCreates++;
      return false;
    });
    const holders = await destinationContactsByEmail(input.conn, sendable.map((s) => payloadEmail(s.p.fields)).filter((e) => e !== ""));
    let items = 0;
    for (const { row, p } of sendable) {
      items++;
      const email = payloadEmail(p.fields);
      const holder = email ? holders.get(email.toLowerCase()) : undefined;
      // Held by a destination contact that is not ours: the bulk upsert refuses it, and the policy decides.
      if (holder && holder.fields[SOURCE_ID_FIELD] !== row.sourceId) {
        const policy = input.policies.existingRecord;
        if (policy === "skip") put("contacts", row.sourceId, "skipped", existingSkipReason("contacts", email));
        else {
          put("contacts", row.sourceId, "updated", existingWriteReason("contacts", policy), p.flags, row.target);
          work.contactUpdates++;
        }
      } else put("contacts", row.sourceId, "created", null, withKept(row.reason, p.flags), row.target);
    }
    if (items > 0) work.upsertBatches.contacts = (work.upsertBatches.contacts ?? 0) + 1;
  }
  const leadIds = new Set((pending.get("contacts") ?? []).filter((r) => r.target === "leads").map((r) => r.sourceId));
  const leads = { ...leadsDestination(ctx), count: predictions.filter((p) => p.objectType === "contacts" && (p.outcome === "created" || p.outcome === "updated") && leadIds.has(p.sourceId)).length };

  for (const rows of chunks(pending.get("deals") ?? [], BATCH)) {
    const records = await stagedData(db, migrationId, "deals", rows.map((r) => r.sourceId));
    const payloads = await dealPayloads(ctx, records);
    let items = 0;
    for (const row of rows) {
      const p = payloads.get(row.sourceId);
      if (!settle("deals", row, p)) continue;
      items++;
      if ((p.lineItems ?? 0) > 0) work.dealsWithLineItems++;
      put("deals", row.sourceId, "created", null, withKept(row.reason, p.flags), "deals");
    }
    if (items > 0) work.upsertBatches.deals = (work.upsertBatches.deals ?? 0) + 1;
  }

  for (const rows of chunks(pending.get("activities") ?? [], BATCH)) {
    const records = await stagedData(db, migrationId, "activities", rows.map((r) => r.sourceId));
    const linked = await activityLinks(ctx, records.values());
    for (const row of rows) {
      const r = records.get(row.sourceId);
      if (!r) continue;
      const verdict = activityVerdict(ctx, row.sourceId, row.target, r, linked);
      if (!verdict.ok) put("activities", row.sourceId, "failed", verdict.reason);
      else {
        put("activities", row.sourceId, "created", null, [], verdict.kind);
        work.creates[verdict.kind] = (work.creates[verdict.kind] ?? 0) + 1;
      }
    }
  }

  // Files in source-id order against the quota; the run uploads its document phases side by side,
  // so which file is the one past a full quota can differ (see README).
  const keyOf = input.attachmentKey ?? defaultAttachmentKey;
  let used = 0;
  for (const rows of chunks(pending.get("attachments") ?? [], 25)) {
    const records = await stagedData(db, migrationId, "attachments", rows.map((r) => r.sourceId));
    const parents = await documentParents(ctx, records.values());
    for (const row of rows) {
      const r = records.get(row.sourceId);
      if (!r) continue;
      const verdict = await documentVerdict(ctx, row.sourceId, r, parents, used, input.files, keyOf(migrationId, row.sourceId));
      if (!verdict.ok) put("attachments", row.sourceId, "failed", verdict.reason);
      else {
        used += verdict.size;
        put("attachments", row.sourceId, "created", null, [], "documents");
        work.creates.documents = (work.creates.documents ?? 0) + 1;
      }
    }
  }
  return { predictions, work, leads };
}

function withKept(kept: string | null, flags: string[]): string[] {
  return kept ? [kept, ...flags] : flags;
}
