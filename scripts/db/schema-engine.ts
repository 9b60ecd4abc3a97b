/**
 * Drives Prisma's schema engine (its WebAssembly build) through `@prisma/adapter-pg`, so
 * migrations apply and diff offline: Prisma's CLI would download a native engine at start,
 * and these machines cannot reach that host. The migration folder keeps Prisma's layout, so
 * `prisma migrate deploy` still works wherever the native engine is available.
 * Needs `node --experimental-wasm-modules`.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * The engine's schema description reads catalogue columns of Postgres' one-byte "char" type,
 * which adapter-pg 7.10 does not map; their values arrive as strings, so report them as text.
 */
class CharAsTextClient extends pg.Client {
  /** The forced drop ends the shadow pool's idle sessions; that is expected, not a crash. */
  override emit(event: string | symbol, ...args: unknown[]): boolean {
    const database = (this as unknown as { connectionParameters: { database?: string } }).connectionParameters.database;
    if (event === "error" && database?.startsWith("prisma_migrate_shadow_db_")) return true;
    return super.emit(event, ...args);
  }

  override query(...args: unknown[]): never {
    // adapter-pg drops the shadow database before closing that database's pool, which
    // Postgres refuses while a session is open; FORCE ends those sessions first.
    if (typeof args[0] === "string" && /^DROP DATABASE "prisma_migrate_shadow_db_[\w-]+"$/.test(args[0])) {
      args[0] = `${args[0]} WITH (FORCE)`;
    }
    const fix = (r: pg.QueryResult | undefined) => {
      for (const field of r?.fields ?? []) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
      return r;
    };
    // pg.Pool calls with a callback; a checked-out client (transactions) with a promise.
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") {
      args[last] = (err: Error | null, r: pg.QueryResult) => callback(err, fix(r));
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result && typeof (result as Promise<unknown>).then === "function") {
      return (result as Promise<pg.QueryResult>).then(fix) as never;
    }
    return result as never;
  }
}

/**
 * Discrete fields rather than a connection string: adapter-pg derives the shadow database's
 * pool by overriding `database`, which a connection string would silently win over.
 */
function poolConfig(databaseUrl: string): pg.PoolConfig {
  const u = new URL(databaseUrl);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
    Client: CharAsTextClient as unknown as typeof pg.Client,
  };
}

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const SCHEMA_PATH = path.join(ROOT, "prisma/schema.prisma");
export const MIGRATIONS_DIR = path.join(ROOT, "prisma/migrations");

export async function readSchema() {
  return { files: [{ path: SCHEMA_PATH, content: await readFile(SCHEMA_PATH, "utf8") }] };
}

export async function readMigrations(): Promise<MigrationList> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: {
      path: "migration_lock.toml",
      // A new project has no lockfile yet; the provider is fixed, so assume it.
      content: await readFile(lockPath, "utf8").catch(() => MIGRATION_LOCK),
    },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => {
        const file = path.join(MIGRATIONS_DIR, dir, "migration.sql");
        const content = await readFile(file, "utf8").then(
          (c) => ({ tag: "ok" as const, value: c }),
          (e: Error) => ({ tag: "error" as const, value: e.message }),
        );
        return { path: dir, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  };
}

/**
 * Runs `fn` with a schema engine on `databaseUrl`, then frees the engine and ends its pool:
 * the engine takes Prisma's migration advisory lock on a pooled session, and an open pool
 * would hold that lock for the life of the process, blocking every other migrator.
 */
export async function withSchemaEngine<T>(databaseUrl: string, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const config = poolConfig(databaseUrl);
  const pool = new pg.Pool(config);
  pool.on("error", () => {});
  // adapter-pg builds the shadow database's pool by spreading `pool.options`, where pg keeps
  // the password non-enumerable; without this the shadow pool connects with no password.
  Object.defineProperty(pool.options, "password", { value: config.password, enumerable: true });
  const engine = await openSchemaEngine(pool);
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await pool.end();
  }
}

async function openSchemaEngine(pool: pg.Pool): Promise<SchemaEngine> {
  // The engine reports a Rust panic through this global (Prisma's CLI defines it); without
  // it a panic surfaces as an unrelated TypeError.
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { message: string; set_message(m: string): void } };
  g.PRISMA_WASM_PANIC_REGISTRY ??= {
    message: "",
    set_message(m: string) {
      this.message = `RuntimeError: ${m}`;
    },
  };
  const { SchemaEngine } = await import("@prisma/schema-engine-wasm");
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
  const schema = await readSchema();
  const log = (message: string) => {
    if (process.env.SCHEMA_ENGINE_DEBUG) console.error("[schema-engine]", message);
  };
  return SchemaEngine.new(
    { datamodels: schema.files.map((f) => [f.path, f.content]) },
    log,
    adapter,
  );
}

export const NO_FILTER = { externalTables: [], externalEnums: [] };

export const MIGRATION_LOCK = `# Please do not edit this file manually
# It should be added in your version-control system (e.g., Git)
provider = "postgresql"
`;
