import type { Collection } from "../generator/config";
import type { Dataset } from "../generator/dataset";
import { isoSeconds } from "../generator/ids";
import type { JsonObject, VpRecord } from "../generator/json";

export interface OverlayEntry {
  record: VpRecord;
  /** updated_at in epoch ms, the primary sort key. */
  ms: number;
  /** The generated record this entry replaces, or null for a created record. */
  generatedIndex: number | null;
}

export class NotFoundError extends Error {}

/**
 * Mutations on top of the generated dataset: a replaced or created record lives here, keyed by
 * id, and listing moves it to its new `updated_at` position. Kept small by design (tests and
 * demos mutate a handful of records), so every query may sort it afresh.
 */
export class Overlay {
  private readonly entries = new Map<Collection, Map<string, OverlayEntry>>();
  private readonly created = new Map<Collection, number>();

  constructor(
    private readonly ds: Dataset,
    private readonly now: () => number,
  ) {}

  private bucket(collection: Collection): Map<string, OverlayEntry> {
    let bucket = this.entries.get(collection);
    if (!bucket) {
      bucket = new Map();
      this.entries.set(collection, bucket);
    }
    return bucket;
  }

  get(collection: Collection, id: string): VpRecord | null {
    const entry = this.entries.get(collection)?.get(id);
    if (entry) return entry.record;
    const index = this.ds.indexOf(collection, id);
    return index === null ? null : this.ds.record(collection, index);
  }

  /** Overlaid entries, in list order (updated_at, then id). */
  sorted(collection: Collection): OverlayEntry[] {
    const list = [...(this.entries.get(collection)?.values() ?? [])];
    return list.sort((a, b) => a.ms - b.ms || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0));
  }

  /** Sorted indices of generated records that the overlay replaces. */
  replacedIndices(collection: Collection): number[] {
    const out: number[] = [];
    for (const entry of this.entries.get(collection)?.values() ?? []) {
      if (entry.generatedIndex !== null) out.push(entry.generatedIndex);
    }
    return out.sort((a, b) => a - b);
  }

  private put(collection: Collection, record: VpRecord, generatedIndex: number | null): VpRecord {
    this.bucket(collection).set(record.id, { record, ms: Date.parse(record.updated_at), generatedIndex });
    return record;
  }

  private stamp(): string {
    return isoSeconds(Math.floor(this.now() / 1000) * 1000);
  }

  update(collection: Collection, id: string, patch: JsonObject): VpRecord {
    const current = this.get(collection, id);
    if (!current) throw new NotFoundError(`${collection} ${id} not found`);
    const record: VpRecord = { ...current, ...patch, id, created_at: current.created_at, updated_at: this.stamp() };
    return this.put(collection, record, this.ds.indexOf(collection, id));
  }

  create(collection: Collection, fields: JsonObject): VpRecord {
    const made = this.created.get(collection) ?? 0;
    this.created.set(collection, made + 1);
    const id = this.ds.idOf(collection, this.ds.count(collection) + made);
    const stamp = this.stamp();
    const record: VpRecord = { ...fields, id, created_at: stamp, updated_at: stamp, deleted_at: null };
    return this.put(collection, record, null);
  }

  softDelete(collection: Collection, id: string): VpRecord {
    const current = this.get(collection, id);
    if (!current) throw new NotFoundError(`${collection} ${id} not found`);
    const stamp = this.stamp();
    const record: VpRecord = { ...current, deleted_at: stamp, updated_at: stamp };
    return this.put(collection, record, this.ds.indexOf(collection, id));
  }
}
