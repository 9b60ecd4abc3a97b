import { copyAttachmentToStore } from "@/lib/connectors/visual-practice/copy-attachment";
import { defaultAttachmentKey } from "@/lib/migration/write-documents";
import type { PollDeps } from "./poll-source";

/**
 * The new bytes of a created or changed attachment, in the file store before its row is marked.
 * Bytes that cannot be copied leave nothing under the key (not the old file's bytes), so the
 * upload fails that one file with its reason and the window goes on; a replaced file's old
 * document then stays in Freshsales.
 */
export async function fetchContent(deps: PollDeps, migrationId: string, sourceId: string): Promise<void> {
  if (!deps.files) return;
  const key = (deps.attachmentKey ?? defaultAttachmentKey)(migrationId, sourceId);
  try {
    await copyAttachmentToStore(deps.source, sourceId, deps.files, key);
  } catch {
    await deps.files.delete(key);
  }
}
