import { stringify } from "csv-stringify";
import { Readable } from "node:stream";
import type { Db } from "@/lib/server/db";

/** Failed records with their reasons as CSV, streamed page by page so a large ledger never sits in memory. */
export function failuresCsv(db: Db, migrationId: string): Readable {
  const out = stringify({ header: true, columns: ["object", "source_id", "target", "attempts", "reason"] });
  (async () => {
    let cursor: { objectType: string; sourceId: string } | undefined;
    for (;;) {
      const rows = await db.ledgerEntry.findMany({
        where: { migrationId, state: "failed" },
        orderBy: [{ objectType: "asc" }, { sourceId: "asc" }],
        take: 1000,
        ...(cursor ? { cursor: { migrationId_objectType_sourceId: { migrationId, ...cursor } }, skip: 1 } : {}),
        select: { objectType: true, sourceId: true, target: true, attempts: true, reason: true },
      });
      for (const r of rows) {
        if (!out.write([r.objectType, r.sourceId, r.target ?? "", r.attempts, r.reason ?? ""])) await new Promise((res) => out.once("drain", res));
      }
      if (rows.length < 1000) break;
      const last = rows[rows.length - 1]!;
      cursor = { objectType: last.objectType, sourceId: last.sourceId };
    }
    out.end();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
