/**
 * What every database bench sets up before the app's modules load (they validate their settings
 * on import, so the app's modules are imported after these calls): stand-in secrets, a quiet
 * log, and the database.
 */
function benchSettings(logLevel: string): void {
  process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-00";
  process.env.ENCRYPTION_KEY ??= Buffer.alloc(32, 1).toString("base64");
  process.env.LOG_LEVEL ??= logLevel;
}

/** The bench runs on DATABASE_URL (`npm run bench` gives each one a fresh migrated database), or stops saying so. */
export function requireBenchDatabase(what = "a migrated database", logLevel = "warn"): void {
  if (!process.env.DATABASE_URL) {
    console.error(`DATABASE_URL is required (${what}).`);
    process.exit(1);
  }
  benchSettings(logLevel);
}

/**
 * DATABASE_URL's database, or (unset, or `fresh`) a fresh migrated one made here; the answer
 * drops that one when the bench ends.
 */
export async function benchDatabase(prefix: string, fresh = false): Promise<(() => Promise<void>) | undefined> {
  benchSettings("warn");
  if (process.env.DATABASE_URL && !fresh) return undefined;
  const { createFreshDatabase } = await import("../test/fresh-database.ts");
  const database = await createFreshDatabase(prefix);
  process.env.DATABASE_URL = database.url;
  return database.drop;
}
