import { CASES_BY_COLLECTION, caseCode } from "../generator/cases";
import type { Collection } from "../generator/config";
import type { Dataset } from "../generator/dataset";
import type { VpRecord } from "../generator/json";
import { activityTypeOf, ACTIVITY_TYPES } from "../generator/records-activities";
import type { Overlay, OverlayEntry } from "./overlay";

export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export interface ListFilter {
  includeDeleted: boolean;
  type?: ActivityType;
  sinceMs?: number;
}

export interface ListPage {
  data: VpRecord[];
  total: number;
}

/** A sorted view of generated indices: all of them, or those passing the static filters. */
interface IndexView {
  length: number;
  at(position: number): number;
  /** Position of a generated index in the view, or -1. */
  positionOf(index: number): number;
}

function identityView(n: number): IndexView {
  return { length: n, at: (k) => k, positionOf: (i) => (i >= 0 && i < n ? i : -1) };
}

function arrayView(list: Int32Array): IndexView {
  return {
    length: list.length,
    at: (k) => list[k] ?? -1,
    positionOf: (index) => {
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((list[mid] ?? 0) < index) lo = mid + 1;
        else hi = mid;
      }
      return list[lo] === index ? lo : -1;
    },
  };
}

/**
 * Lists a collection page by page in the contract's order (updated_at, then id) without
 * materialising it: generated records are addressed by index (their order is index order),
 * overlay records are merged in at their own positions, and records they replace are skipped.
 */
export class Lister {
  private readonly views = new Map<string, IndexView>();
  private activityTypes: Uint8Array | null = null;

  constructor(
    private readonly ds: Dataset,
    private readonly overlay: Overlay,
  ) {}

  private view(collection: Collection, filter: ListFilter): IndexView {
    const n = this.ds.count(collection);
    if (filter.includeDeleted && !filter.type) return identityView(n);
    const key = `${collection}|${filter.includeDeleted}|${filter.type ?? ""}`;
    const cached = this.views.get(key);
    if (cached) return cached;
    const codes = this.ds.caseCodes(collection);
    const deletedCode = CASES_BY_COLLECTION[collection].includes("soft_deleted") ? caseCode(collection, "soft_deleted") : -1;
    const typeCode = filter.type ? ACTIVITY_TYPES.indexOf(filter.type) : -1;
    const types = typeCode >= 0 ? this.types() : null;
    const keep = (i: number) => (filter.includeDeleted || codes[i] !== deletedCode) && (!types || types[i] === typeCode);
    let size = 0;
    for (let i = 0; i < n; i++) if (keep(i)) size++;
    const list = new Int32Array(size);
    let k = 0;
    for (let i = 0; i < n; i++) if (keep(i)) list[k++] = i;
    const view = arrayView(list);
    this.views.set(key, view);
    return view;
  }

  private types(): Uint8Array {
    if (!this.activityTypes) {
      const n = this.ds.count("activities");
      const types = new Uint8Array(n);
      for (let i = 0; i < n; i++) types[i] = ACTIVITY_TYPES.indexOf(activityTypeOf(this.ds, i));
      this.activityTypes = types;
    }
    return this.activityTypes;
  }

  /** Warms the per-collection indexes so the first request does not pay for them. */
  warm(collection: Collection): void {
    this.view(collection, { includeDeleted: false });
  }

  private matches(entry: OverlayEntry, filter: ListFilter): boolean {
    const r = entry.record;
    if (!filter.includeDeleted && r.deleted_at !== null && r.deleted_at !== undefined) return false;
    if (filter.type && r.type !== filter.type) return false;
    if (filter.sinceMs !== undefined && entry.ms < filter.sinceMs) return false;
    return true;
  }

  list(collection: Collection, filter: ListFilter, offset: number, limit: number): ListPage {
    const view = this.view(collection, filter);
    const ds = this.ds;
    const msAt = (k: number) => ds.updatedAtMs(collection, view.at(k));
    // First view position at or after updated_since (updated_at grows with the index).
    let p0 = 0;
    if (filter.sinceMs !== undefined) {
      const since = filter.sinceMs;
      let hi = view.length;
      while (p0 < hi) {
        const mid = (p0 + hi) >>> 1;
        if (msAt(mid) < since) p0 = mid + 1;
        else hi = mid;
      }
    }
    const excluded = this.overlay
      .replacedIndices(collection)
      .map((i) => view.positionOf(i))
      .filter((p) => p >= p0)
      .sort((a, b) => a - b);
    const extra = this.overlay.sorted(collection).filter((e) => this.matches(e, filter));
    const aLength = view.length - p0 - excluded.length;
    // Merged position of each overlay record: generated records before it, plus its own rank.
    const extraPositions = extra.map((entry, rank) => {
      let lo = p0;
      let hi = view.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const ms = msAt(mid);
        const before = ms < entry.ms || (ms === entry.ms && ds.idOf(collection, view.at(mid)) < entry.record.id);
        if (before) lo = mid + 1;
        else hi = mid;
      }
      const excludedBefore = excluded.filter((p) => p < lo).length;
      return lo - p0 - excludedBefore + rank;
    });
    const total = aLength + extra.length;
    const data: VpRecord[] = [];
    const end = Math.min(total, offset + limit);
    let e = 0;
    while (e < extraPositions.length && (extraPositions[e] ?? Infinity) < offset) e++;
    for (let t = offset; t < end; t++) {
      if (extraPositions[e] === t) {
        const entry = extra[e];
        if (entry) data.push(entry.record);
        e++;
        continue;
      }
      // t - e generated records precede; map that rank to a view position, skipping replaced ones.
      let position = p0 + (t - e);
      for (const p of excluded) {
        if (p <= position) position++;
        else break;
      }
      data.push(ds.record(collection, view.at(position)));
    }
    return { data, total };
  }
}
