import type { Readable } from "node:stream";
import { keysetCsv } from "@/lib/server/csv-stream";
import type { Db } from "@/lib/server/db";

/** Failed records with their reasons as CSV, streamed page by page so a large ledger never sits in memory. */
export function failuresCsv(db: Db, migrationId: string): Readable {
  return keysetCsv(
    ["object", "source_id", "target", "attempts", "reason"],
    (after, take) =>
      db.ledgerEntry.findMany({
        where: { migrationId, state: "failed" },
        orderBy: [{ objectType: "asc" }, { sourceId: "asc" }],
        take,
        ...(after ? { cursor: { migrationId_objectType_sourceId: { migrationId, ...after } }, skip: 1 } : {}),
        select: { objectType: true, sourceId: true, target: true, attempts: true, reason: true },
      }),
    (r) => [r.objectType, r.sourceId, r.target ?? "", r.attempts, r.reason ?? ""],
  );
}
