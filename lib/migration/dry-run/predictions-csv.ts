import { stringify } from "csv-stringify";
import type { Readable } from "node:stream";
import type { Db } from "@/lib/server/db";

/** One dry run's predictions as CSV (source id, object, predicted outcome, reason, flags), streamed page by page. */
export function predictionsCsv(db: Db, dryRunId: string): Readable {
  const out = stringify({ header: true, columns: ["source_id", "object", "predicted_outcome", "reason", "truncated_or_transformed"] });
  (async () => {
    let cursor: { objectType: string; sourceId: string } | undefined;
    for (;;) {
      const rows = await db.dryRunRecord.findMany({
        where: { dryRunId },
        orderBy: [{ objectType: "asc" }, { sourceId: "asc" }],
        take: 1000,
        ...(cursor ? { cursor: { dryRunId_objectType_sourceId: { dryRunId, ...cursor } }, skip: 1 } : {}),
      });
      for (const r of rows) {
        if (!out.write([r.sourceId, r.objectType, r.outcome, r.reason ?? "", r.flags ?? ""])) await new Promise((res) => out.once("drain", res));
      }
      if (rows.length < 1000) break;
      const last = rows[rows.length - 1]!;
      cursor = { objectType: last.objectType, sourceId: last.sourceId };
    }
    out.end();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
