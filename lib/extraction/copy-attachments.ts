import pLimit from "p-limit";
import type { FileStore } from "@/lib/connectors/visual-practice/file-store";
import type { SourceReader, SourceRecordProblem } from "./source-reader";

/** Where an attachment's bytes live in the file store; source ids are opaque, so encoded. */
export function attachmentKey(migrationId: string, attachmentId: string): string {
  return `${encodeURIComponent(migrationId)}/attachments/a_${encodeURIComponent(attachmentId)}`;
}

/**
 * Streams the content of a page's attachments into the file store before the page commits,
 * a few at a time. Idempotent: content already stored with the announced size is not fetched
 * again, so a resumed page costs no second download. A failure is a problem on that record.
 */
export async function copyPageAttachments(
  reader: SourceReader,
  store: FileStore,
  migrationId: string,
  records: Record<string, unknown>[],
  concurrency = 4,
): Promise<SourceRecordProblem[]> {
  const limit = pLimit(concurrency);
  const problems: SourceRecordProblem[] = [];
  await Promise.all(
    records
      .filter((r) => r.deleted_at === undefined || r.deleted_at === null)
      .map((record) =>
        limit(async () => {
          const id = String(record.id);
          const expected = typeof record.size_bytes === "number" ? record.size_bytes : undefined;
          const key = attachmentKey(migrationId, id);
          try {
            const have = await store.size(key);
            if (have !== null && expected !== undefined && have === expected) return;
            const copied = await reader.copyAttachment(id, store, key);
            if (copied === null) {
              problems.push({ recordId: id, field: "content", message: "the source holds no content for this attachment" });
            } else if (expected !== undefined && copied.bytes !== expected) {
              problems.push({ recordId: id, field: "size_bytes", message: `size_bytes says ${expected} bytes, the content has ${copied.bytes}` });
            }
          } catch (error) {
            problems.push({ recordId: id, field: "content", message: `content could not be copied: ${error instanceof Error ? error.message : String(error)}` });
          }
        }),
      ),
  );
  return problems;
}
