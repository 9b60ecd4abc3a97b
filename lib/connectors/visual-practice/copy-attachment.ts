import type { VisualPracticeClient } from "./client";
import type { FileStore } from "./file-store";

export class AttachmentSizeMismatchError extends Error {
  override name = "AttachmentSizeMismatchError";
  constructor(readonly attachmentId: string, readonly expected: number, readonly received: number) {
    super(`attachment ${attachmentId}: server announced ${expected} bytes, received ${received}`);
  }
}

/**
 * Streams one attachment from Visual Practice into the file store. A short body (connection
 * dropped mid-transfer) is caught against Content-Length, the stored copy removed, and the
 * download retried once from the start.
 */
export async function copyAttachmentToStore(
  client: VisualPracticeClient,
  attachmentId: string,
  store: FileStore,
  key: string,
  attempts = 2,
): Promise<{ bytes: number; sha256: string; contentType: string | undefined }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { stream, contentType, contentLength } = await client.openAttachment(attachmentId);
      const stored = await store.put(key, stream);
      if (contentLength !== undefined && stored.bytes !== contentLength) {
        await store.delete(key);
        throw new AttachmentSizeMismatchError(attachmentId, contentLength, stored.bytes);
      }
      return { ...stored, contentType };
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}
