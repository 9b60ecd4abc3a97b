import { openBundleAttachments, readBundleCollection, type BundleAttachments } from "@/lib/connections/bundle";
import { openSourceClient } from "@/lib/connections/open-clients";
import type { Db } from "@/lib/server/db";
import { apiSourceReader } from "./api-source-reader";
import { bundleSourceReader } from "./bundle-source-reader";
import type { SourceReader } from "./source-reader";

/** A SourceReader over the migration's Visual Practice connection (API or uploaded bundle). */
export async function openSourceReader(db: Db, organizationId: string, migrationId: string): Promise<SourceReader> {
  const source = await openSourceClient(db, organizationId, migrationId, { maxConcurrency: 8 });
  return source.mode === "api" ? apiSourceReader(source.client) : bundleReaderAt(source.path);
}

/** An export bundle on disk: records streamed per collection, attachment bytes from the zip. */
export function bundleReaderAt(path: string): SourceReader {
  let attachments: Promise<BundleAttachments> | undefined;
  return bundleSourceReader({
    readCollection: (collection) => readBundleCollection(path, collection),
    async openAttachment(id) {
      attachments ??= openBundleAttachments(path);
      return (await (await attachments).open(id))?.stream ?? null;
    },
    close() {
      void attachments?.then((a) => a.close(), () => undefined);
    },
  });
}
