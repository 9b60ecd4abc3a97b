/** Attachments re-uploaded as documents on their record, bytes streamed from the file store. */
import { listDocumentAssociations, uploadDocument } from "@/lib/connectors/freshsales/documents";
import { FreshsalesStorageQuotaError } from "@/lib/connectors/freshsales/errors";
import type { FsEntity, FsTargetableType } from "@/lib/connectors/freshsales/wire";
import { errorText, failed, stagedData, type BatchContext } from "./batch-context";
import { destIds, record, type LedgerRow } from "./ledger";
import { writeWithIntent } from "./intent";

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
    `SELECT coalesce(sum((s.data->>'size_bytes')::bigint), 0)::float8 AS n FROM "LedgerEntry" l JOIN "StagedRecord" s
        ON s."migrationId" = l."migrationId" AND s.collection = 'attachments' AND s."sourceId" = l."sourceId"
      WHERE l."migrationId" = $1 AND l."objectType" = 'attachments' AND l.state = 'written'`,
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
  let settled = true;
  for (const row of work) {
    const r = records.get(row.sourceId);
    if (!r) continue;
    const fail = (why: string) => record(ctx.db, ctx.migrationId, "attachments", ctx.runId, [failed(row.sourceId, `attachment ${row.sourceId} (${String(r.filename)}): ${why}`)]);
    const parent = PARENT[String(r.parent_type)];
    const size = Number(r.size_bytes ?? 0);
    if (!parent) {
      await fail("no contact, company or deal to attach it to");
      continue;
    }
    const dest = (await destIds(ctx.db, ctx.migrationId, parent.collection, [String(r.parent_id)])).get(String(r.parent_id));
    if (!dest) {
      await fail(`its ${String(r.parent_type)} ${String(r.parent_id)} was not written`);
      continue;
    }
    if (size > maxFileBytes) {
      await fail(`${size} bytes exceeds the plan's ${maxFileBytes}-byte file limit`);
      continue;
    }
    if (storageQuotaBytes !== null && used + size > storageQuotaBytes) {
      await fail(`${size} bytes would exceed the account's storage quota (${used} of ${storageQuotaBytes} bytes used)`);
      continue;
    }
    if (!files) {
      await fail("no file store holds the extracted bytes");
      continue;
    }
    const key = keyOf(ctx.migrationId, row.sourceId);
    const stored = await files.size(key);
    if (stored === null) {
      await fail("the extracted bytes are missing from the file store");
      continue;
    }
    const fileName = String(r.filename ?? row.sourceId);
    const parentId = Number(dest.destId);
    try {
      settled &&= await writeWithIntent(ctx, "attachments", row, {
        target: "documents",
        find: async () => {
          const docs = await listDocumentAssociations(ctx.conn, parent.entity, parentId);
          const hit = docs.find((d) => d.name === fileName && (d.size === undefined || d.size === stored));
          return hit ? String(hit.id) : null;
        },
        create: async () => {
          const doc = await uploadDocument(ctx.conn, {
            content: await files.get(key), size: stored, fileName, contentType: typeof r.content_type === "string" ? r.content_type : undefined,
            targetableType: parent.type, targetableId: parentId,
          });
          return String(doc.id);
        },
      });
      used += size;
    } catch (error) {
      if (error instanceof FreshsalesStorageQuotaError) await fail(`the account's storage quota is exceeded: ${errorText(error)}`);
      else throw error;
    }
  }
  return settled;
}
