import type { VisualPracticeClient, VpPage } from "@/lib/connectors/visual-practice/client";
import { copyAttachmentToStore } from "@/lib/connectors/visual-practice/copy-attachment";
import { VpMalformedPageError, VpPageFailedError } from "@/lib/connectors/visual-practice/errors";
import type { FileStore } from "@/lib/connectors/visual-practice/file-store";
import type { VpCollection } from "@/lib/connectors/visual-practice/records";
import type { SourcePage, SourceReader } from "./source-reader";

function okPage(page: VpPage<VpCollection>): SourcePage {
  return {
    ok: true,
    page: page.page,
    records: page.records as Record<string, unknown>[],
    problems: page.problems.map((p) => ({ recordId: p.recordId, field: p.field, message: p.message })),
    totalPages: page.totalPages,
    totalRecords: page.total,
  };
}

/**
 * The live Visual Practice API. Soft-deleted records are included (staged with `deleted`), so
 * the ledger can account for them as skipped. The connector's in-pass dedupe is off: extraction
 * tells a duplicate id apart from a record updated mid-run itself, against staging.
 */
export function apiSourceReader(client: VisualPracticeClient, options: { closeClient?: boolean } = {}): SourceReader {
  return {
    kind: "api",
    async *pages(collection, { startPage, perPage }) {
      for await (const outcome of client.iteratePages(collection, { startPage, perPage, includeDeleted: true, dedupe: false })) {
        yield outcome.ok ? okPage(outcome) : { ok: false, page: outcome.page, message: outcome.error.message };
      }
    },
    async totals(collections) {
      const out: Partial<Record<VpCollection, number>> = {};
      for (const c of collections) out[c] = (await client.listPage(c, { page: 1, perPage: 1, includeDeleted: true })).total;
      return out;
    },
    async retryPage(collection, page, perPage) {
      try {
        return okPage(await client.listPage(collection, { page, perPage, includeDeleted: true }));
      } catch (error) {
        if (error instanceof VpMalformedPageError || error instanceof VpPageFailedError) return { ok: false, page, message: error.message };
        throw error;
      }
    },
    async copyAttachment(attachmentId: string, store: FileStore, key: string) {
      const stored = await copyAttachmentToStore(client, attachmentId, store, key);
      return { bytes: stored.bytes };
    },
    close() {
      if (options.closeClient !== false) client.close();
    },
  };
}
