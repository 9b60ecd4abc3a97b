/** Attachments re-uploaded as documents on their record, bytes streamed from the file store. */
import { listDocumentAssociations, uploadDocument } from "@/lib/connectors/freshsales/documents";
import type { FsEntity, FsTargetableType } from "@/lib/connectors/freshsales/wire";
import { failed, stagedData, type BatchContext } from "./batch-context";
import { linkedAccounts } from "./account-names";
import { destIds, record, type LedgerRow, type Outcome } from "./ledger";
import { writeIntents, type IntentWrite } from "./intent";

const PARENT: Record<string, { collection: string; entity: FsEntity; type: FsTargetableType }> = {
  contact: { collection: "contacts", entity: "contact", type: "Contact" },
  company: { collection: "companies", entity: "sales_account", type: "SalesAccount" },
  deal: { collection: "deals", entity: "deal", type: "Deal" },
};

export function defaultAttachmentKey(migrationId: string, attachmentId: string): string {
  return `${encodeURIComponent(migrationId)}/attachments/a_${encodeURIComponent(attachmentId)}`;
}

async function bytesUploaded(ctx: BatchContext): Promise<number> {
  const rows = await ctx.db.$queryRawUnsafe<{ n: number }[]>(
    // A lookup by primary key per written row rather than a join the planner may misjudge on fresh rows.
    `SELECT coalesce(sum((SELECT (s.data->>'size_bytes')::bigint FROM "StagedRecord" s
                          WHERE s."migrationId" = l."migrationId" AND s.collection = 'attachments' AND s."sourceId" = l."sourceId")), 0)::float8 AS n
       FROM "LedgerEntry" l WHERE l."migrationId" = $1 AND l."objectType" = 'attachments' AND l.state = 'written'`,
    ctx.migrationId,
  );
  return Number(rows[0]?.n ?? 0);
}

export async function writeDocuments(ctx: BatchContext, rows: LedgerRow[]): Promise<boolean> {
  const work = rows.filter((r) => r.state === "pending" || r.state === "intent");
  if (work.length === 0) return true;
  const files = ctx.deps.files;
  const keyOf = ctx.deps.attachmentKey ?? defaultAttachmentKey;
  const records = await stagedData(ctx.db, ctx.migrationId, "attachments", work.map((r) => r.sourceId));
  const { maxFileBytes, storageQuotaBytes } = ctx.settings.destination;
  let used = storageQuotaBytes === null ? 0 : await bytesUploaded(ctx);
  const writes: IntentWrite[] = [];
  const failures: Outcome[] = [];
  const parents = new Map<string, Map<string, { destId: string }>>();
  for (const p of Object.values(PARENT)) {
    const ids = [...records.values()].filter((r) => PARENT[String(r.parent_type)] === p).map((r) => String(r.parent_id));
    // A company skipped as a later namesake (first wins) lends its files to the first.
    parents.set(p.collection, p.collection === "companies" ? await linkedAccounts(ctx, ids) : await destIds(ctx.db, ctx.migrationId, p.collection, ids));
  }
  for (const row of work) {
    const r = records.get(row.sourceId);
    if (!r) continue;
    const fail = (why: string) => void failures.push(failed(row.sourceId, `attachment ${row.sourceId} (${String(r.filename)}): ${why}`));
    const parent = PARENT[String(r.parent_type)];
    const size = Number(r.size_bytes ?? 0);
    if (!parent) {
      fail("no contact, company or deal to attach it to");
      continue;
    }
    const dest = parents.get(parent.collection)?.get(String(r.parent_id));
    if (!dest) {
      fail(`its ${String(r.parent_type)} ${String(r.parent_id)} was not written`);
      continue;
    }
    if (size > maxFileBytes) {
      fail(`${size} bytes exceeds the plan's ${maxFileBytes}-byte file limit`);
      continue;
    }
    if (storageQuotaBytes !== null && used + size > storageQuotaBytes) {
      fail(`${size} bytes would exceed the account's storage quota (${used} of ${storageQuotaBytes} bytes used)`);
      continue;
    }
    if (!files) {
      fail("no file store holds the extracted bytes");
      continue;
    }
    const key = keyOf(ctx.migrationId, row.sourceId);
    const stored = await files.size(key);
    if (stored === null) {
      fail("the extracted bytes are missing from the file store");
      continue;
    }
    const fileName = String(r.filename ?? row.sourceId);
    const parentId = Number(dest.destId);
    writes.push({
      row,
      target: "documents",
      find: async () => {
        const docs = await listDocumentAssociations(ctx.conn, parent.entity, parentId);
        const hit = docs.find((d) => d.name === fileName && (d.size === undefined || d.size === stored));
        return hit ? String(hit.id) : null;
      },
      create: async () => {
        // A quota refusal from Freshsales is a validation error: the file fails with its message.
        const doc = await uploadDocument(ctx.conn, {
          content: await files.get(key), size: stored, fileName, contentType: typeof r.content_type === "string" ? r.content_type : undefined,
          targetableType: parent.type, targetableId: parentId,
        });
        return String(doc.id);
      },
    });
    used += size;
  }
  await record(ctx.db, ctx.migrationId, "attachments", ctx.runId, failures);
  return writeIntents(ctx, "attachments", writes, 5);
}
