import pg from "pg";
import { env } from "@/lib/server/env";

const globalForPool = globalThis as unknown as { extractionPool?: pg.Pool };

/**
 * A small pg pool of its own for the batched staging writes: one multi-row statement per page
 * with array parameters (`unnest`), which Prisma's raw API cannot bind as cheaply.
 */
export function extractionPool(): pg.Pool {
  globalForPool.extractionPool ??= new pg.Pool({
    connectionString: env().DATABASE_URL,
    max: 4,
    application_name: "console-extraction",
    // A page commits in one statement, outside any BEGIN, so this is set for the session: a page
    // lost to a database crash is lost with its checkpoint and re-read on resume, so the flush to
    // disk need not hold up the next page. Nothing else runs on these connections.
    options: "-c synchronous_commit=off",
  });
  return globalForPool.extractionPool;
}

export async function closeExtractionPool(): Promise<void> {
  const pool = globalForPool.extractionPool;
  globalForPool.extractionPool = undefined;
  await pool?.end();
}
