import type { Readable } from "node:stream";
import { keysetCsv } from "@/lib/server/csv-stream";
import type { Db } from "@/lib/server/db";

/** One dry run's predictions as CSV (source id, object, predicted outcome, reason, flags), streamed page by page. */
export function predictionsCsv(db: Db, dryRunId: string): Readable {
  return keysetCsv(
    ["source_id", "object", "predicted_outcome", "reason", "truncated_or_transformed"],
    (after, take) =>
      db.dryRunRecord.findMany({
        where: { dryRunId },
        orderBy: [{ objectType: "asc" }, { sourceId: "asc" }],
        take,
        ...(after ? { cursor: { dryRunId_objectType_sourceId: { dryRunId, ...after } }, skip: 1 } : {}),
      }),
    (r) => [r.sourceId, r.objectType, r.outcome, r.reason ?? "", r.flags ?? ""],
  );
}
