/**
 * Bringing back a record the admin deleted in Freshsales from the delta page. Before the
 * delete, the record's fields as Freshsales held them (the admin's own edits included) are
 * kept with the deletion, with the run's activities and files that hang off it, since Freshsales
 * removes those with their record (a deal's line items included). "Restore" recreates the record from that snapshot (an
 * upsert on its source-id field, so a restore killed half-way and repeated makes one record),
 * points the ledger at it, and writes the children again through the engine from staging. The
 * ledger then owns them like anything the run created: a rollback removes them.
 */
import { appendAudit } from "@/lib/audit/audit-log";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { FreshsalesNotFoundError } from "@/lib/connectors/freshsales/errors";
import { createRecord, getRecord, setDealProducts, updateRecord, upsertRecord } from "@/lib/connectors/freshsales/record-writes";
import type { FsEntity, FsFields } from "@/lib/connectors/freshsales/wire";
import { contextFor, settingsFor, writeInOrder } from "@/lib/migration/engine-bridge";
import type { ApprovedMapping, EngineDeps } from "@/lib/migration/types";
import { assertGateReachable } from "@/lib/gates/gate-service";
import type { Db } from "@/lib/server/db";
import { AppError, NotFoundError } from "@/lib/server/errors";
import { assertAdmin, type Actor } from "@/lib/server/roles";
import { z } from "zod";

const childSchema = z.object({ objectType: z.enum(["activities", "attachments"]), sourceId: z.string(), target: z.string().nullable(), destId: z.string() });
const linkSchema = z.object({ entity: z.enum(["contact", "deal"]), destId: z.string() });
export const deletionSnapshotSchema = z.object({
  entity: z.enum(["contact", "sales_account", "deal"]),
  fields: z.record(z.string(), z.unknown()),
  children: z.array(childSchema),
  /** For an account: the run's contacts and deals whose primary account it was (Freshsales drops the link). */
  linked: z.array(linkSchema).default([]),
});
export type DeletionSnapshot = z.infer<typeof deletionSnapshotSchema>;
type Child = z.infer<typeof childSchema>;

/** Keys a read answers that a write does not take (Freshsales ignores them; sending them only adds noise). */
const READ_ONLY = new Set(["id", "created_at", "updated_at", "display_name", "links", "is_deleted", "email_ids", "sales_account_id", "contact_ids", "products"]);
/** The source field an activity names its record by, and an attachment's `parent_type`. */
const PARENT: Record<string, { activityField: string; parentType: string }> = {
  contacts: { activityField: "contact_id", parentType: "contact" },
  companies: { activityField: "company_id", parentType: "company" },
  deals: { activityField: "deal_id", parentType: "deal" },
};

/** The record's fields in the shape a write takes: relations read under one key are written under another. */
function writable(entity: FsEntity, fields: Record<string, unknown>): FsFields {
  const out: FsFields = {};
  for (const [k, v] of Object.entries(fields)) if (!READ_ONLY.has(k) && v !== undefined) out[k] = v as FsFields[string];
  if (entity === "contact" && typeof fields.sales_account_id === "number") out.sales_accounts = [{ id: fields.sales_account_id, is_primary: true }];
  if (entity === "deal" && Array.isArray(fields.contact_ids)) out.contacts_added_list = fields.contact_ids as number[];
  return out;
}

async function candidates(db: Db, migrationId: string, objectType: string, sourceId: string): Promise<Child[]> {
  const parent = PARENT[objectType];
  if (!parent) return [];
  return db.$queryRawUnsafe<Child[]>(
    `SELECT l."objectType", l."sourceId", l.target, l."destId" FROM "LedgerEntry" l
       JOIN "StagedRecord" s ON s."migrationId" = l."migrationId" AND s.collection = l."objectType" AND s."sourceId" = l."sourceId"
      WHERE l."migrationId" = $1 AND l.state = 'written' AND l."destId" IS NOT NULL
        AND ((l."objectType" = 'activities' AND s.data->>$2 = $3) OR (l."objectType" = 'attachments' AND s.data->>'parent_type' = $4 AND s.data->>'parent_id' = $3))
      ORDER BY l."objectType", l."sourceId"`,
    migrationId, parent.activityField, sourceId, parent.parentType,
  );
}

/** Whether a child survived its record's deletion (an activity may hang off another record of the source's). */
async function stillThere(conn: FreshsalesConnection, child: Child): Promise<boolean> {
  const plural = child.objectType === "attachments" ? "documents" : (child.target ?? "tasks");
  try {
    await conn.request("GET", `${plural}/${child.destId}`);
    return true;
  } catch (error) {
    if (error instanceof FreshsalesNotFoundError) return false;
    throw error;
  }
}

/** Taken before the delete: the record as Freshsales holds it and the run's children of it. */
export async function takeSnapshot(db: Db, conn: FreshsalesConnection, d: { migrationId: string; objectType: string; sourceId: string; destId: string }, entity: FsEntity): Promise<DeletionSnapshot | null> {
  // A deal's line items come only with `include=products`; they are put back after the deal.
  const record = await getRecord(conn, entity, Number(d.destId), entity === "deal" ? ["products"] : undefined);
  if (!record) return null;
  const linked = entity === "sales_account" ? await linkedToAccount(db, conn, d.migrationId, d.sourceId, Number(d.destId)) : [];
  return { entity, fields: record.fields, children: await candidates(db, d.migrationId, d.objectType, d.sourceId), linked };
}

/** The run's contacts and deals of a source company that Freshsales holds under this account now. */
async function linkedToAccount(db: Db, conn: FreshsalesConnection, migrationId: string, sourceId: string, accountId: number): Promise<z.infer<typeof linkSchema>[]> {
  const rows = await db.$queryRawUnsafe<{ objectType: string; destId: string }[]>(
    `SELECT l."objectType", l."destId" FROM "LedgerEntry" l
       JOIN "StagedRecord" s ON s."migrationId" = l."migrationId" AND s.collection = l."objectType" AND s."sourceId" = l."sourceId"
      WHERE l."migrationId" = $1 AND l."objectType" IN ('contacts', 'deals') AND l.state = 'written' AND l."destId" IS NOT NULL AND s.data->>'company_id' = $2
      ORDER BY l."objectType", l."sourceId"`,
    migrationId, sourceId,
  );
  const out: z.infer<typeof linkSchema>[] = [];
  for (const r of rows) {
    const entity = r.objectType === "deals" ? "deal" : "contact";
    const held = await getRecord(conn, entity, Number(r.destId));
    if (held?.fields.sales_account_id === accountId) out.push({ entity, destId: r.destId });
  }
  return out;
}

/** After the delete: the children Freshsales removed with the record lose their ledger destination. */
export async function detachChildren(db: Db, conn: FreshsalesConnection, migrationId: string, snapshot: DeletionSnapshot, why: string): Promise<Child[]> {
  const gone: Child[] = [];
  for (const child of snapshot.children) if (!(await stillThere(conn, child))) gone.push(child);
  for (const child of gone) {
    await db.ledgerEntry.update({
      where: { migrationId_objectType_sourceId: { migrationId, objectType: child.objectType, sourceId: child.sourceId } },
      data: { state: "skipped", destId: null, reason: why },
    });
  }
  return gone;
}

export interface RestoreDeps {
  db: Db;
  conn: FreshsalesConnection;
  mapping: ApprovedMapping;
  files?: EngineDeps["files"];
  attachmentKey?: EngineDeps["attachmentKey"];
}

export async function restoreDeletion(deps: RestoreDeps, user: Actor, migrationId: string, deletionId: string): Promise<{ destId: string; children: number; childrenFailed: number }> {
  const { db, conn } = deps;
  assertAdmin(user);
  await assertGateReachable(db, user.organizationId, migrationId, "delta");
  const deletion = await db.deltaDeletion.findFirst({ where: { id: deletionId, migrationId } });
  if (!deletion) throw new NotFoundError("Deletion");
  if (deletion.status !== "deleted") throw new AppError(`${deletion.objectType} ${deletion.sourceId} was not deleted in Freshsales from here; there is nothing to restore.`, 409, "not_deleted");
  const parsed = deletionSnapshotSchema.safeParse(deletion.snapshot);
  if (!parsed.success) throw new AppError(`${deletion.objectType} ${deletion.sourceId}: no snapshot was kept when it was deleted, so it cannot be restored.`, 409, "no_snapshot");
  const snapshot = parsed.data;
  const fields = writable(snapshot.entity, snapshot.fields);
  const marker = typeof fields.cf_vp_id === "string" || typeof fields.cf_vp_id === "number" ? fields.cf_vp_id : null;
  const record = marker !== null ? (await upsertRecord(conn, snapshot.entity, { cf_vp_id: marker }, fields)).record : await createRecord(conn, snapshot.entity, fields);
  const destId = String(record.id);
  // Freshsales dropped the account from its contacts and deals: they get the new one as their primary.
  for (const l of snapshot.linked) {
    const link: FsFields = l.entity === "contact" ? { sales_accounts: [{ id: Number(destId), is_primary: true }] } : { sales_account_id: Number(destId) };
    await updateRecord(conn, l.entity, Number(l.destId), link);
  }
  const lines = Array.isArray(snapshot.fields.products) ? (snapshot.fields.products as { id: number; quantity: number; unit_price?: string | number }[]) : [];
  if (snapshot.entity === "deal" && lines.length > 0) await setDealProducts(conn, Number(destId), lines.map((l) => ({ productId: l.id, quantity: l.quantity, unitPrice: l.unit_price })));
  const key = { migrationId, objectType: deletion.objectType, sourceId: deletion.sourceId };
  await db.ledgerEntry.update({ where: { migrationId_objectType_sourceId: key }, data: { state: "written", action: "created", destId, reason: null, runId: deletion.runId } });

  // The children go back through the engine: their parent's new id comes from the ledger.
  const children = snapshot.children;
  const order: Record<string, string[]> = {};
  for (const c of children) {
    await db.ledgerEntry.updateMany({ where: { migrationId, objectType: c.objectType, sourceId: c.sourceId, destId: null }, data: { state: "pending", reason: null, runId: deletion.runId } });
    (order[c.objectType] ??= []).push(c.sourceId);
  }
  let childrenFailed = 0;
  if (children.length > 0) {
    const ctx = contextFor({ db, conn, files: deps.files, attachmentKey: deps.attachmentKey }, deletion.runId, migrationId, await settingsFor(conn, deps.mapping));
    await writeInOrder(ctx, order);
    childrenFailed = await db.ledgerEntry.count({ where: { migrationId, OR: children.map((c) => ({ objectType: c.objectType, sourceId: c.sourceId })), state: { not: "written" } } });
  }
  const restored = await db.deltaDeletion.updateMany({ where: { id: deletionId, status: "deleted" }, data: { status: "restored", destId, decidedBy: user.email, decidedAt: new Date() } });
  if (restored.count === 1) {
    await appendAudit(db, {
      organizationId: user.organizationId, migrationId, actor: user, action: "delta.deletion.restored",
      detail: { deletionId, objectType: deletion.objectType, sourceId: deletion.sourceId, from: deletion.destId, to: destId, children: children.length, childrenFailed, relinked: snapshot.linked.length },
    });
  }
  return { destId, children: children.length, childrenFailed };
}
