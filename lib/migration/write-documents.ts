/**
 * Attachments re-uploaded as documents on their record, bytes streamed from the file store.
 * A file replaced in the source during the cutover window (Freshsales documents have no
 * update) is uploaded again and only then is the old document removed: its row carries the
 * old ids in `priorValues.replaces` until the removal is done, so a crash between the two
 * steps is finished by the next attempt, and the old file is never lost before the new one is in.
 */
import { deleteDocument, listDocumentAssociations, uploadDocument } from "@/lib/connectors/freshsales/documents";
import { failed, stagedData, type BatchContext } from "./batch-context";
import { documentParents, documentVerdict } from "./document-verdict";
import { record, rowsById, type LedgerRow, type Outcome } from "./ledger";
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

/** Destination ids of the documents a row's new upload replaces (set by the cutover window). */
export function replacedDocuments(row: Pick<LedgerRow, "priorValues">): string[] {
  const prior = row.priorValues as { replaces?: unknown } | null;
  return Array.isArray(prior?.replaces) ? prior.replaces.map(String) : [];
}

/** Removes the old documents of rows whose new upload is written, then forgets them. */
async function removeReplaced(ctx: BatchContext, rows: LedgerRow[]): Promise<void> {
  for (const row of rows) {
    const old = replacedDocuments(row);
    if (row.state !== "written" || !row.destId || old.length === 0) continue;
    ctx.chaos("attachments:before-remove-replaced");
    for (const id of old) if (id !== row.destId) await deleteDocument(ctx.conn, Number(id));
    await ctx.db.$executeRawUnsafe(
      `UPDATE "LedgerEntry" SET "priorValues" = NULL, "updatedAt" = now() WHERE "migrationId" = $1 AND "objectType" = 'attachments' AND "sourceId" = $2 AND state = 'written'`,
      ctx.migrationId, row.sourceId,
    );
  }
}

export async function writeDocuments(ctx: BatchContext, rows: LedgerRow[]): Promise<boolean> {
  await removeReplaced(ctx, rows);
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
    const old = new Set(replacedDocuments(row));
    writes.push({
      row,
      target: "documents",
      find: async () => {
        const docs = await listDocumentAssociations(ctx.conn, parent.entity, parentId);
        // A replaced file may share its name and size with the new one: the old one is not it.
        const hit = docs.find((d) => !old.has(String(d.id)) && d.name === fileName && (d.size === undefined || d.size === stored));
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
  const settled = await writeIntents(ctx, "attachments", writes, 5);
  const replacing = work.filter((r) => replacedDocuments(r).length > 0);
  if (replacing.length > 0) await removeReplaced(ctx, await rowsById(ctx.db, ctx.migrationId, "attachments", replacing.map((r) => r.sourceId)));
  return settled;
}
