import { describe, expect, it } from "vitest";
import type { Collection } from "../generator/config";
import { Dataset } from "../generator/dataset";
import type { VpRecord } from "../generator/json";
import { Rng } from "../generator/prng";
import { type ListFilter, Lister } from "./listing";
import { Overlay } from "./overlay";

/** The obvious implementation: materialise everything, sort, filter. Fine for 500 records. */
function bruteForce(ds: Dataset, overlay: Overlay, collection: Collection, filter: ListFilter, createdIds: string[]): VpRecord[] {
  const ids = [...Array.from({ length: ds.count(collection) }, (_, i) => ds.idOf(collection, i)), ...createdIds];
  return ids
    .map((id) => overlay.get(collection, id) as VpRecord)
    .filter((r) => filter.includeDeleted || r.deleted_at === null)
    .filter((r) => !filter.type || r.type === filter.type)
    .filter((r) => filter.sinceMs === undefined || Date.parse(r.updated_at) >= filter.sinceMs)
    .sort((a, b) => (a.updated_at < b.updated_at ? -1 : a.updated_at > b.updated_at ? 1 : a.id < b.id ? -1 : 1));
}

describe("Lister", () => {
  it("matches a brute-force listing under random updates, creates and deletes", () => {
    const ds = new Dataset({ seed: 5, total: 1200 });
    const collection = "activities" as const;
    let nowMs = 0;
    const overlay = new Overlay(ds, () => nowMs);
    const lister = new Lister(ds, overlay);
    const rng = new Rng(99);
    const created: string[] = [];
    const start = ds.updatedAtMs(collection, 0);
    const end = ds.updatedAtMs(collection, ds.count(collection) - 1);
    for (let step = 0; step < 60; step++) {
      // Mutation stamps land anywhere in (and after) the generated window, so records move
      // both into the middle of the list and to its end.
      nowMs = start + Math.floor(rng.next() * (end - start) * 1.2);
      const id = ds.idOf(collection, rng.int(0, ds.count(collection) - 1));
      const action = rng.next();
      if (action < 0.5) overlay.update(collection, id, { subject: `edit ${step}` });
      else if (action < 0.75) overlay.softDelete(collection, id);
      else created.push(overlay.create(collection, { type: rng.pick(["call", "meeting"]), subject: `new ${step}` }).id);
      if (step % 10 !== 9) continue;
      const filters: ListFilter[] = [
        { includeDeleted: false },
        { includeDeleted: true },
        { includeDeleted: false, type: "meeting" },
        { includeDeleted: true, sinceMs: start + Math.floor((end - start) * rng.next()) },
        { includeDeleted: false, type: "call", sinceMs: start + Math.floor((end - start) * 0.5) },
      ];
      for (const filter of filters) {
        const expected = bruteForce(ds, overlay, collection, filter, created).map((r) => r.id);
        for (const [offset, limit] of [[0, 50], [rng.int(0, expected.length), 37], [expected.length - 5, 50]] as const) {
          const page = lister.list(collection, filter, Math.max(0, offset), limit);
          expect(page.total).toBe(expected.length);
          expect(page.data.map((r) => r.id)).toEqual(expected.slice(Math.max(0, offset), Math.max(0, offset) + limit));
        }
      }
    }
  });
});
