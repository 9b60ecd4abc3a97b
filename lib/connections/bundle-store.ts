import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/server/env";

/** Uploaded bundles live under the file store as `bundles/<migrationId>/<uuid>.zip`. */
export function newBundleKey(migrationId: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(migrationId)) throw new Error("unexpected migration id");
  return `bundles/${migrationId}/${randomUUID()}.zip`;
}

/** The absolute path of a stored bundle; a key that tries to climb out of the store is refused. */
export function bundlePath(key: string, root = env().FILE_STORE_DIR): string {
  const base = path.resolve(root);
  const full = path.resolve(base, key);
  if (!full.startsWith(base + path.sep) || !key.startsWith("bundles/")) throw new Error("invalid bundle key");
  return full;
}

export async function removeBundle(key: string | null | undefined, root?: string): Promise<void> {
  if (key) await rm(bundlePath(key, root), { force: true });
}
