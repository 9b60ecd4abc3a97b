/**
 * Rollback, driven by the ledger: records the migration created are deleted children first
 * (documents, activities, deals, contacts, accounts deepest level first, products); records it
 * updated get their captured prior values back. Each step clears the rows it undid, so a
 * rollback killed halfway resumes where it stopped. Audited, and ends with a report.
 */
import { deleteActivity, type ActivityKind } from "@/lib/connectors/freshsales/activities";
import { deleteDocument } from "@/lib/connectors/freshsales/documents";
import { deleteLead } from "@/lib/connectors/freshsales/leads";
import { updateRecord } from "@/lib/connectors/freshsales/record-writes";
import type { FsEntity, FsFields } from "@/lib/connectors/freshsales/wire";
import { appendAudit, type AuditActor } from "@/lib/audit/audit-log";
import { withdrawGate } from "@/lib/gates/gate-service";
import type { Db } from "@/lib/server/db";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { replacedDocuments } from "./write-documents";
import { deleteProduct } from "./write-products";
import { destroyConfirmed } from "./destroy-confirmed";
import { LEADS_MODULE } from "./write-leads";
import { readRunJson, rollbackReportSchema, runSettingsSchema } from "./run-json";

export interface RollbackReport {
  deleted: Record<string, number>;
  restored: number;
}

interface Row {
  sourceId: string;
  target: string | null;
  destId: string;
  action: string | null;
  priorValues: Record<string, unknown> | null;
}

async function rowsOf(db: Db, migrationId: string, objectType: string): Promise<Row[]> {
  return db.$queryRawUnsafe<Row[]>(
    `SELECT "sourceId", target, "destId", action, "priorValues" FROM "LedgerEntry"
      WHERE "migrationId" = $1 AND "objectType" = $2 AND "destId" IS NOT NULL ORDER BY "sourceId"`,
    migrationId, objectType,
  );
}

async function undone(db: Db, migrationId: string, objectType: string, runId: string, ids: string[]): Promise<void> {
  await db.$executeRawUnsafe(
    `UPDATE "LedgerEntry" SET state = 'pending', "destId" = NULL, action = NULL, "priorValues" = NULL, reason = 'rolled back', "runId" = $4, "updatedAt" = now()
      WHERE "migrationId" = $1 AND "objectType" = $2 AND "sourceId" = ANY($3::text[])`,
    migrationId, objectType, ids, runId,
  );
}

const ENTITY: Record<string, FsEntity> = { deals: "deal", contacts: "contact", companies: "sales_account" };

/** Creates the rollback run (audited); `rollbackMigration` then executes it, as often as needed. */
export async function createRollbackRun(db: Db, input: { organizationId: string; migrationId: string; actor: AuditActor }): Promise<{ runId: string }> {
  const { organizationId, migrationId, actor } = input;
  const run = await db.run.create({ data: { organizationId, migrationId, kind: "rollback", status: "running", startedAt: new Date(), createdById: actor.id } });
  await appendAudit(db, { organizationId, migrationId, actor, action: "run.rollback.started", detail: { runId: run.id } });
  return { runId: run.id };
}

export async function rollbackMigration(
  db: Db,
  conn: FreshsalesConnection,
  input: { organizationId: string; migrationId: string; actor: AuditActor; runId?: string },
): Promise<RollbackReport> {
  const { organizationId, migrationId, actor } = input;
  const run = { id: input.runId ?? (await createRollbackRun(db, input)).runId };
  const existing = await db.run.findFirst({ where: { id: run.id, organizationId, migrationId, kind: "rollback" } });
  if (!existing || existing.status === "done") return existing?.stats ? readRunJson(rollbackReportSchema, existing.stats, existing.id, "report") : { deleted: {}, restored: 0 };
  const report: RollbackReport = { deleted: {}, restored: 0 };
  const count = (k: string, n: number) => (report.deleted[k] = (report.deleted[k] ?? 0) + n);

  // A file replaced during the cutover window whose old document is not removed yet: both go.
  const replacing = await db.$queryRawUnsafe<{ sourceId: string; priorValues: unknown }[]>(
    `SELECT "sourceId", "priorValues" FROM "LedgerEntry" WHERE "migrationId" = $1 AND "objectType" = 'attachments' AND "priorValues"->'replaces' IS NOT NULL`,
    migrationId,
  );
  for (const row of replacing) {
    for (const id of replacedDocuments(row)) if (await deleteDocument(conn, Number(id))) count("documents", 1);
    await db.$executeRawUnsafe(`UPDATE "LedgerEntry" SET "priorValues" = NULL WHERE "migrationId" = $1 AND "objectType" = 'attachments' AND "sourceId" = $2`, migrationId, row.sourceId);
  }
  for (const row of await rowsOf(db, migrationId, "attachments")) {
    await deleteDocument(conn, Number(row.destId));
    await undone(db, migrationId, "attachments", run.id, [row.sourceId]);
    count("documents", 1);
  }
  for (const row of await rowsOf(db, migrationId, "activities")) {
    const kind = (row.target === "notes" ? "notes" : row.target === "appointments" ? "appointments" : "tasks") as ActivityKind;
    await deleteActivity(conn, kind, Number(row.destId));
    await undone(db, migrationId, "activities", run.id, [row.sourceId]);
    count(kind, 1);
  }
  const full = await db.run.findFirst({ where: { migrationId, kind: "full" }, orderBy: { createdAt: "desc" } });
  const levels = (full?.settings ? readRunJson(runSettingsSchema, full.settings, full.id, "settings").accountLevels : []).slice().reverse();
  for (const objectType of ["deals", "contacts", "companies"] as const) {
    const rows = await rowsOf(db, migrationId, objectType);
    const updated = rows.filter((r) => r.action === "updated" && r.priorValues);
    for (const r of updated) {
      const prior = { ...(r.priorValues as FsFields) };
      // A relation list that was empty reads back as null but is written as [].
      if (prior.sales_accounts === null) prior.sales_accounts = [];
      // A fill that found nothing empty sent nothing, and has nothing to restore.
      if (Object.keys(prior).length > 0) await updateRecord(conn, ENTITY[objectType]!, Number(r.destId), prior);
      await undone(db, migrationId, objectType, run.id, [r.sourceId]);
      report.restored++;
    }
    let created = rows.filter((r) => r.action !== "updated");
    // Leads in the Classic Leads module are deleted there, one by one.
    for (const r of created.filter((c) => c.target === LEADS_MODULE)) {
      await deleteLead(conn, Number(r.destId));
      await undone(db, migrationId, objectType, run.id, [r.sourceId]);
      count("leads", 1);
    }
    created = created.filter((c) => c.target !== LEADS_MODULE);
    if (objectType === "companies" && levels.length > 0) {
      const depth = new Map<string, number>();
      levels.forEach((ids, i) => ids.forEach((id) => depth.set(id, i)));
      created = created.sort((a, b) => (depth.get(a.sourceId) ?? 0) - (depth.get(b.sourceId) ?? 0));
    }
    for (let i = 0; i < created.length; i += 100) {
      const chunk = created.slice(i, i + 100);
      await destroyConfirmed(conn, ENTITY[objectType]!, chunk);
      await undone(db, migrationId, objectType, run.id, chunk.map((r) => r.sourceId));
      count(objectType, chunk.length);
    }
  }
  for (const row of await rowsOf(db, migrationId, "products")) {
    await deleteProduct(conn, Number(row.destId));
    await undone(db, migrationId, "products", run.id, [row.sourceId]);
    count("products", 1);
  }
  await db.run.update({ where: { id: run.id }, data: { status: "done", finishedAt: new Date(), stats: report as object } });
  await withdrawGate(db, organizationId, migrationId, "full-run", actor, "rolled back");
  await appendAudit(db, { organizationId, migrationId, actor, action: "run.rollback.finished", detail: { runId: run.id, ...report } });
  return report;
}
