/** Attachments re-uploaded as documents on their record, bytes streamed from the file store. */
import { listDocumentAssociations, uploadDocument } from "@/lib/connectors/freshsales/documents";
import { failed, stagedData, type BatchContext } from "./batch-context";
import { documentParents, documentVerdict } from "./document-verdict";
import { record, type LedgerRow, type Outcome } from "./ledger";
import { writeIntents, type IntentWrite } from "./intent";

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
  const { storageQuotaBytes } = ctx.settings.destination;
  let used = storageQuotaBytes === null ? 0 : await bytesUploaded(ctx);
  const writes: IntentWrite[] = [];
  const failures: Outcome[] = [];
  const parents = await documentParents(ctx, records.values());
  for (const row of work) {
    const r = records.get(row.sourceId);
    if (!r) continue;
    const key = keyOf(ctx.migrationId, row.sourceId);
    const verdict = await documentVerdict(ctx, row.sourceId, r, parents, used, files, key);
    if (!verdict.ok) {
      failures.push(failed(row.sourceId, verdict.reason));
      continue;
    }
    const { parent, parentId, stored, size } = verdict;
    const fileName = String(r.filename ?? row.sourceId);
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
          content: await files!.get(key), size: stored, fileName, contentType: typeof r.content_type === "string" ? r.content_type : undefined,
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
