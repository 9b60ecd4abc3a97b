import type { Readable } from "node:stream";
import type { FileStore } from "@/lib/connectors/visual-practice/file-store";
import { parseRecords } from "@/lib/connectors/visual-practice/parse-records";
import type { VpCollection } from "@/lib/connectors/visual-practice/records";
import type { SourcePage, SourceReader } from "./source-reader";

export interface BundleSource {
  /** Raw records of one collection file, in file order (`readBundleCollection`). */
  readCollection(collection: VpCollection): AsyncIterable<Record<string, unknown>>;
  /** The content of an attachment when the bundle carries it, else null. */
  openAttachment?(attachmentId: string): Promise<Readable | null>;
  close?(): void;
}

/**
 * An uploaded export bundle read as pages of `perPage` records in file order, parsed by the
 * connector's own record parser so a bundle's bad data is reported exactly like the API's.
 * Resuming skips the records of the pages already committed.
 */
export function bundleSourceReader(source: BundleSource): SourceReader {
  return {
    kind: "bundle",
    async *pages(collection, { startPage, perPage }) {
      const skip = (startPage - 1) * perPage;
      let seen = 0;
      let page = startPage;
      let batch: unknown[] = [];
      const emit = (): SourcePage => {
        const { records, problems } = parseRecords(collection, batch);
        batch = [];
        return {
          ok: true,
          page: page++,
          records: records as Record<string, unknown>[],
          problems: problems.map((p) => ({ recordId: p.recordId, field: p.field, message: p.message })),
          totalPages: undefined,
          totalRecords: undefined,
        };
      };
      try {
        for await (const raw of source.readCollection(collection)) {
          if (seen++ < skip) continue;
          batch.push(raw);
          if (batch.length >= perPage) yield emit();
        }
      } catch (error) {
        // A broken file ends the collection; what was read before it stays staged.
        if (batch.length > 0) yield emit();
        yield { ok: false, page, message: `the bundle's ${collection} file could not be read past record ${seen}: ${error instanceof Error ? error.message : String(error)}` };
        return;
      }
      if (batch.length > 0) yield emit();
    },
    async copyAttachment(attachmentId: string, store: FileStore, key: string) {
      const stream = await source.openAttachment?.(attachmentId);
      if (!stream) return null;
      return { bytes: (await store.put(key, stream)).bytes };
    },
    close() {
      source.close?.();
    },
  };
}
