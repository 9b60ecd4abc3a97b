/**
 * `npm run db:diff -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with
 * the SQL that takes the migrations' schema to prisma/schema.prisma. The engine replays the
 * migrations on a shadow database (created and dropped on the same server).
 * `npm run db:diff -- --check` exits 1 when they disagree.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { MIGRATION_LOCK, MIGRATIONS_DIR, NO_FILTER, readMigrations, readSchema, withSchemaEngine } from "./schema-engine.ts";

/** SQL from the migrations' end state to schema.prisma; empty when they agree. */
export async function pendingSchemaSql(url: string): Promise<string> {
  return withSchemaEngine(url, async (engine) => {
    const result = await engine.diff({
      from: { tag: "migrations", ...(await readMigrations()) },
      to: { tag: "schemaDatamodel", ...(await readSchema()) },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return normalise(result.stdout ?? "");
  });
}

/** The engine writes a comment when there is nothing to do. */
function normalise(sql: string): string {
  const meaningful = sql
    .split("\n")
    .filter((l) => l.trim() && !l.trim().startsWith("--"))
    .join("\n");
  return meaningful ? sql : "";
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

if (import.meta.filename === process.argv[1]) {
  const { applyLocalSecrets, ensureDatabase } = await import("../../lib/server/local-setup.ts");
  const args = process.argv.slice(2);
  const check = args.includes("--check");
  const name = args.find((a) => !a.startsWith("--"));
  if (!check && !name?.match(/^[a-z0-9_]+$/)) {
    console.error("Usage: npm run db:diff -- <name_in_snake_case>   (or -- --check)");
    process.exit(2);
  }
  await applyLocalSecrets();
  const db = await ensureDatabase();
  try {
    const sql = await pendingSchemaSql(db.url);
    if (check) {
      if (sql) {
        console.error("schema.prisma and prisma/migrations disagree. Missing migration:\n" + sql);
        process.exitCode = 1;
      } else console.log("schema.prisma matches prisma/migrations.");
    } else if (!sql) {
      console.log("No changes: schema.prisma matches prisma/migrations.");
    } else {
      const dir = path.join(MIGRATIONS_DIR, `${timestamp()}_${name}`);
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, "migration.sql"), sql);
      await writeFile(path.join(MIGRATIONS_DIR, "migration_lock.toml"), MIGRATION_LOCK);
      console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
    }
  } finally {
    await db.stop();
  }
}

