import type { FileStore } from "@/lib/connectors/visual-practice/file-store";
import type { VpCollection } from "@/lib/connectors/visual-practice/records";

/**
 * What extraction needs from a source, whatever it is (the live API or an uploaded export
 * bundle): pages of parsed records in order, resumable from a page number, and attachment
 * bytes streamed into the file store. Pages are numbered from 1.
 */
export interface SourceRecordProblem {
  recordId: string | null;
  /** Dotted path of the field, "" for the whole record. */
  field: string;
  message: string;
}

export type SourcePage =
  | {
      ok: true;
      page: number;
      records: Record<string, unknown>[];
      problems: SourceRecordProblem[];
      /** Known for the API (from `meta`); unknown for a bundle until it ends. */
      totalPages: number | undefined;
      totalRecords: number | undefined;
    }
  | { ok: false; page: number; message: string };

export interface SourceReader {
  readonly kind: "api" | "bundle";
  /** Every page of `collection` from `startPage` on, in page order. */
  pages(collection: VpCollection, options: { startPage: number; perPage: number }): AsyncIterable<SourcePage>;
  /** Record counts per collection before reading them, when the source can tell cheaply (for "time left"). */
  totals?(collections: readonly VpCollection[]): Promise<Partial<Record<VpCollection, number>>>;
  /** One page again: a second chance for a page that failed inside `pages`. */
  retryPage?(collection: VpCollection, page: number, perPage: number): Promise<SourcePage>;
  /**
   * Streams an attachment's content into `store` under `key` (never buffered whole); null
   * when the source holds no content for it (a bundle exported without files).
   */
  copyAttachment(attachmentId: string, store: FileStore, key: string): Promise<{ bytes: number } | null>;
  close(): Promise<void> | void;
}
