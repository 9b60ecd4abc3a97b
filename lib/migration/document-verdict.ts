/**
 * What becomes of one attachment before any upload: the record it goes on, the plan's file
 * limit and storage quota, and whether the extracted bytes are in the file store. The full run
 * uploads what this allows; the dry run predicts from the same answer.
 */
import type { FileStore } from "@/lib/connectors/visual-practice/file-store";
import type { FsEntity, FsTargetableType } from "@/lib/connectors/freshsales/wire";
import type { BatchContext } from "./batch-context";
import { linkedRecords } from "./duplicate-contacts";

export const DOCUMENT_PARENT: Record<string, { collection: string; entity: FsEntity; type: FsTargetableType }> = {
  contact: { collection: "contacts", entity: "contact", type: "Contact" },
  company: { collection: "companies", entity: "sales_account", type: "SalesAccount" },
  deal: { collection: "deals", entity: "deal", type: "Deal" },
};

export type DocumentParents = Map<string, Map<string, { destId: string }>>;

/** Destination ids of the records a batch's attachments go on, per collection. */
export async function documentParents(ctx: BatchContext, records: Iterable<Record<string, unknown>>): Promise<DocumentParents> {
  const all = [...records];
  const parents: DocumentParents = new Map();
  for (const p of Object.values(DOCUMENT_PARENT)) {
    const ids = all.filter((r) => DOCUMENT_PARENT[String(r.parent_type)] === p).map((r) => String(r.parent_id));
    // A company skipped as a later namesake (first wins), or a contact merged into another, lends its files to the first.
    parents.set(p.collection, await linkedRecords(ctx, p.collection, ids));
  }
  return parents;
}

export type DocumentVerdict =
  | { ok: false; reason: string }
  | { ok: true; parent: (typeof DOCUMENT_PARENT)[string]; parentId: number; size: number; stored: number; key: string };

/**
 * `used`: bytes already uploaded to the account (the quota's count); the caller adds `size`
 * once the upload is queued. `key`: where the extracted bytes sit in the file store.
 */
export async function documentVerdict(
  ctx: BatchContext,
  sourceId: string,
  r: Record<string, unknown>,
  parents: DocumentParents,
  used: number,
  files: FileStore | undefined,
  key: string,
): Promise<DocumentVerdict> {
  const fail = (why: string): DocumentVerdict => ({ ok: false, reason: `attachment ${sourceId} (${String(r.filename)}): ${why}` });
  const { maxFileBytes, storageQuotaBytes } = ctx.settings.destination;
  const parent = DOCUMENT_PARENT[String(r.parent_type)];
  const size = Number(r.size_bytes ?? 0);
  if (!parent) return fail("no contact, company or deal to attach it to");
  const dest = parents.get(parent.collection)?.get(String(r.parent_id));
  if (!dest) return fail(`its ${String(r.parent_type)} ${String(r.parent_id)} was not written`);
  if (size > maxFileBytes) return fail(`${size} bytes exceeds the plan's ${maxFileBytes}-byte file limit`);
  if (storageQuotaBytes !== null && used + size > storageQuotaBytes) return fail(`${size} bytes would exceed the account's storage quota (${used} of ${storageQuotaBytes} bytes used)`);
  if (!files) return fail("no file store holds the extracted bytes");
  const stored = await files.size(key);
  if (stored === null) return fail("the extracted bytes are missing from the file store");
  return { ok: true, parent, parentId: Number(dest.destId), size, stored, key };
}
