import { VisualPracticeClient } from "@/lib/connectors/visual-practice/client";
import { openBundleAttachments, readBundleCollection, type BundleAttachments } from "@/lib/connections/bundle";
import { decryptSecret } from "@/lib/connections/crypto";
import type { Db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";
import { apiSourceReader } from "./api-source-reader";
import { bundleSourceReader } from "./bundle-source-reader";
import type { SourceReader } from "./source-reader";

/** Source connection missing or unusable: the run fails with this message, not retried. */
export class SourceUnavailableError extends AppError {
  constructor(message: string) {
    super(message, 409, "source_unavailable");
  }
}

/** A SourceReader over the migration's Visual Practice connection (API or uploaded bundle). */
export async function openSourceReader(db: Db, organizationId: string, migrationId: string): Promise<SourceReader> {
  const connection = await db.connection.findFirst({ where: { organizationId, migrationId, kind: "VISUAL_PRACTICE" } });
  if (!connection) throw new SourceUnavailableError("Connect Visual Practice before extracting.");
  if (connection.mode === "bundle") {
    if (!connection.bundleKey) throw new SourceUnavailableError("The uploaded export bundle is missing; upload it again.");
    return bundleReaderAt(`${env().FILE_STORE_DIR}/${connection.bundleKey}`);
  }
  if (!connection.baseUrl || !connection.secretCiphertext) throw new SourceUnavailableError("The Visual Practice connection has no URL or token.");
  const token = decryptSecret(connection.secretCiphertext, env().ENCRYPTION_KEY, connection.id);
  return apiSourceReader(new VisualPracticeClient({ baseUrl: connection.baseUrl, token, maxConcurrency: 8 }));
}

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
