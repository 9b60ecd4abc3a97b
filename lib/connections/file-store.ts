import { DatabaseFileStore } from "@/lib/connectors/visual-practice/database-file-store";
import { LocalFolderFileStore, type FileStore } from "@/lib/connectors/visual-practice/file-store";
import type { Db } from "@/lib/server/db";
import { env } from "@/lib/server/env";

/**
 * The store of extracted attachment bytes this process is configured for (FILE_STORE): the
 * local folder FILE_STORE_DIR, or the database, so that workers on several machines share
 * nothing but DATABASE_URL and the two secrets.
 */
export function attachmentStore(db: Db): FileStore {
  if (env().FILE_STORE === "database") {
    return new DatabaseFileStore(async (text, values) => ({ rows: await db.$queryRawUnsafe<unknown[]>(text, ...(values ?? [])) }));
  }
  return new LocalFolderFileStore(env().FILE_STORE_DIR);
}
