import { randomBytes } from "node:crypto";
import { adminUrlOf, applyLocalSecrets, createDatabaseIfMissing, dropDatabase, ensureDatabase } from "../lib/server/local-setup.ts";

/**
 * A fresh, migrated database on DATABASE_URL's server (or the embedded one when unset),
 * named uniquely so concurrent runs never share one. `drop()` removes it.
 */
export async function createFreshDatabase(prefix: string) {
  await applyLocalSecrets();
  const server = await ensureDatabase("postgres");
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = adminUrlOf(server.url);
  await createDatabaseIfMissing(admin, name);
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  const { migrateDatabase } = await import("../scripts/db/migrate.ts");
  await migrateDatabase(url.toString());
  return {
    url: url.toString(),
    async drop() {
      await dropDatabase(admin, name);
      await server.stop();
    },
  };
}
