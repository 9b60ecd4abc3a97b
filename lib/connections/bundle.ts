import type { Readable } from "node:stream";
import { VP_COLLECTIONS, type VpCollection } from "@/lib/connectors/visual-practice/records";
import { BundleError } from "./bundle-errors";
import { layoutOf, type BundleFormat, type BundleLayout } from "./bundle-layout";
import { readRows } from "./bundle-rows";
import { openZip, type OpenZip, type ZipEntry } from "./bundle-zip";

/**
 * A Visual Practice export bundle: a zip with one CSV or JSON-lines file per collection
 * (fields named as in the API contract; nested values as JSON text in CSV cells) and the
 * attachment bytes under `attachments/<attachment id>`. Everything is streamed.
 */
export interface BundleSummary {
  files: { collection: VpCollection; name: string; format: BundleFormat; records: number }[];
  totals: Record<VpCollection, number>;
  attachmentFiles: number;
  /** Attachment records with no file under `attachments/` (extraction reports them per record). */
  attachmentsWithoutFile: number;
}

/** Reads every file of the bundle once; throws `BundleError` naming the file (and line) of the first problem. */
export async function validateBundle(path: string): Promise<BundleSummary> {
  return withZip(path, async (zip, layout) => {
    const files: BundleSummary["files"] = [];
    const totals = {} as Record<VpCollection, number>;
    const attachmentIds = new Set<string>();
    for (const collection of VP_COLLECTIONS) {
      const file = layout.files.get(collection)!;
      let records = 0;
      for await (const { record } of readRows(await zip.open(file.entry), file.format, file.name, collection)) {
        records += 1;
        if (collection === "attachments" && record.id != null) attachmentIds.add(String(record.id));
      }
      files.push({ collection, name: file.name, format: file.format, records });
      totals[collection] = records;
    }
    const matched = new Set<string>();
    for (const name of layout.attachments.keys()) {
      const id = attachmentIdOf(name, attachmentIds);
      if (id === null) throw new BundleError(`no record in ${layout.files.get("attachments")!.name} has this attachment's id`, `attachments/${name}`);
      matched.add(id);
    }
    return { files, totals, attachmentFiles: layout.attachments.size, attachmentsWithoutFile: attachmentIds.size - matched.size };
  });
}

/** The cheap check: the zip's directory still reads and lists every collection (no entry data read). */
export async function checkBundleLayout(path: string): Promise<void> {
  await withZip(path, async () => undefined);
}

/** The collection's records as plain objects (JSON cells parsed), streamed from the zip. */
export async function* readBundleCollection(path: string, collection: VpCollection): AsyncGenerator<Record<string, unknown>> {
  const zip = await openChecked(path);
  try {
    const file = layoutOf(zip.entries).files.get(collection)!;
    for await (const { record } of readRows(await zip.open(file.entry), file.format, file.name, collection)) yield record;
  } finally {
    zip.close();
  }
}

export interface BundleAttachments {
  /** An attachment's bytes, or null when the bundle has no file for it. Consume or destroy the stream. */
  open(attachmentId: string): Promise<{ stream: Readable; size: number } | null>;
  close(): void;
}

/** Opens the bundle once for many attachment reads (one index, any number of streams). */
export async function openBundleAttachments(path: string): Promise<BundleAttachments> {
  const zip = await openChecked(path);
  let byId: Map<string, ZipEntry>;
  try {
    byId = new Map();
    for (const [name, entry] of layoutOf(zip.entries).attachments) {
      const dot = name.lastIndexOf(".");
      if (dot > 0 && !byId.has(name.slice(0, dot))) byId.set(name.slice(0, dot), entry);
      byId.set(name, entry);
    }
  } catch (error) {
    zip.close();
    throw error;
  }
  return {
    async open(attachmentId) {
      const entry = byId.get(attachmentId);
      return entry ? { stream: await zip.open(entry), size: entry.uncompressedSize } : null;
    },
    close: () => zip.close(),
  };
}

/** `a_42` or `a_42.pdf` both name attachment `a_42`; the exact name wins when ids contain dots. */
function attachmentIdOf(fileName: string, ids: ReadonlySet<string>): string | null {
  if (ids.has(fileName)) return fileName;
  const dot = fileName.lastIndexOf(".");
  const stem = dot > 0 ? fileName.slice(0, dot) : null;
  return stem !== null && ids.has(stem) ? stem : null;
}

async function openChecked(path: string): Promise<OpenZip> {
  try {
    return await openZip(path);
  } catch {
    throw new BundleError("The file is not a readable zip archive");
  }
}

async function withZip<T>(path: string, body: (zip: OpenZip, layout: BundleLayout) => Promise<T>): Promise<T> {
  const zip = await openChecked(path);
  try {
    return await body(zip, layoutOf(zip.entries));
  } finally {
    zip.close();
  }
}
