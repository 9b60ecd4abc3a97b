import { stringify } from "csv-stringify";
import type { Readable } from "node:stream";

type Key = { objectType: string; sourceId: string };

/**
 * Rows keyed by (objectType, sourceId) as CSV, read a page at a time by keyset and written with
 * back-pressure, so a download of a million-row ledger never sits in memory.
 */
export function keysetCsv<R extends Key>(columns: string[], page: (after: Key | undefined, take: number) => Promise<R[]>, toRow: (r: R) => unknown[], pageSize = 1000): Readable {
  const out = stringify({ header: true, columns });
  (async () => {
    let after: Key | undefined;
    for (;;) {
      const rows = await page(after, pageSize);
      for (const r of rows) {
        if (!out.write(toRow(r))) await new Promise((res) => out.once("drain", res));
      }
      if (rows.length < pageSize) break;
      const last = rows[rows.length - 1]!;
      after = { objectType: last.objectType, sourceId: last.sourceId };
    }
    out.end();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
