/**
 * `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (or the embedded database),
 * exactly as `prisma migrate deploy` would, recording them in `_prisma_migrations`.
 */
import { NO_FILTER, readMigrations, withSchemaEngine } from "./schema-engine.ts";

export async function migrateDatabase(url: string): Promise<string[]> {
  return withSchemaEngine(url, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: await readMigrations(),
      filters: NO_FILTER,
    });
    return appliedMigrationNames;
  });
}

if (import.meta.filename === process.argv[1]) {
  const { applyLocalSecrets, ensureDatabase } = await import("../../lib/server/local-setup.ts");
  await applyLocalSecrets();
  const db = await ensureDatabase();
  try {
    const applied = await migrateDatabase(db.url);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
  } finally {
    await db.stop();
  }
}
