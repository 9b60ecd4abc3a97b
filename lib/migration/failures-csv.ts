import type { Readable } from "node:stream";
import { keysetCsv } from "@/lib/server/csv-stream";
import type { Db } from "@/lib/server/db";

/**
 * Failed records with their reasons as CSV, streamed page by page so a large ledger never sits in
 * memory. Each page is a range of the `(migrationId, state, objectType, sourceId)` index after the
 * last key sent: Prisma's cursor paging re-read the cursor row and walked the primary key past
 * every written row, 20,000 failures of a million records took about a second.
 */
export function failuresCsv(db: Db, migrationId: string): Readable {
  return keysetCsv(
    ["object", "source_id", "target", "attempts", "reason"],
    (after, take) =>
      db.$queryRawUnsafe<{ objectType: string; sourceId: string; target: string | null; attempts: number; reason: string | null }[]>(
        `SELECT "objectType", "sourceId", target, attempts, reason FROM "LedgerEntry"
          WHERE "migrationId" = $1 AND state = 'failed' AND ("objectType", "sourceId") > ($2, $3)
          ORDER BY "objectType", "sourceId" LIMIT $4`,
        migrationId, after?.objectType ?? "", after?.sourceId ?? "", take,
      ),
    (r) => [r.objectType, r.sourceId, r.target ?? "", r.attempts, r.reason ?? ""],
  );
}
