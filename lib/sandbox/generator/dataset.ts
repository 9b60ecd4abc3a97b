import { CASES_BY_COLLECTION, caseCode, caseName } from "./cases";
import {
  COLLECTIONS,
  type Collection,
  type DirtyCase,
  type GeneratorConfig,
  type ResolvedConfig,
  resolveConfig,
} from "./config";
import { idOf, indexOfId, isoSeconds } from "./ids";
import type { JsonObject, VpRecord } from "./json";
import { hashString, mix32, Rng } from "./prng";
import { buildRecord } from "./build-record";

const DAY_MS = 86_400_000;

/**
 * An index-addressable dataset. Record i of a collection is a pure function of
 * (config, collection, i); only small per-collection indexes (one byte of dirty-case code per
 * record, lists of clean indices) are kept in memory, never the records themselves.
 */
export class Dataset {
  readonly config: ResolvedConfig;
  private readonly keys = new Map<Collection, number>();
  private readonly codes = new Map<Collection, Uint8Array>();
  private readonly indexLists = new Map<string, Int32Array>();

  constructor(config: GeneratorConfig | ResolvedConfig) {
    this.config = "hash" in config ? config : resolveConfig(config);
    for (const name of COLLECTIONS) {
      this.keys.set(name, hashString(`${this.config.seed}|${this.config.hash}|${name}`));
    }
  }

  count(collection: Collection): number {
    return this.config.counts[collection];
  }

  idOf(collection: Collection, index: number): string {
    return idOf(collection, index);
  }

  /** The generated index an id stands for, or null if it names no generated record. */
  indexOf(collection: Collection, id: string): number | null {
    const index = indexOfId(collection, id);
    return index !== null && index < this.count(collection) ? index : null;
  }

  /** A fresh generator for a record; its first draw is always the dirty-case draw. */
  rng(collection: Collection, index: number, salt = 0): Rng {
    const key = this.keys.get(collection) ?? 0;
    return new Rng(salt === 0 ? key : mix32(key ^ salt), index);
  }

  /**
   * updated_at in epoch ms. Non-decreasing in the index (index i falls in the i-th equal slot
   * of the window, jittered inside it), so list order is index order and `updated_since` is a
   * binary search over indices.
   */
  updatedAtMs(collection: Collection, index: number): number {
    const n = Math.max(1, this.count(collection));
    const startS = Math.floor(this.config.windowStartMs / 1000);
    const spanS = Math.floor((this.config.windowEndMs - this.config.windowStartMs) / 1000);
    const slotS = spanS / n;
    const from = Math.floor(index * slotS);
    const to = Math.max(from, Math.floor((index + 1) * slotS) - 1);
    const jitter = (mix32((this.keys.get(collection) ?? 0) ^ index) % (to - from + 1)) >>> 0;
    return (startS + from + jitter) * 1000;
  }

  /** First generated index whose updated_at is at or after `sinceMs`. */
  lowerBound(collection: Collection, sinceMs: number): number {
    let lo = 0;
    let hi = this.count(collection);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.updatedAtMs(collection, mid) < sinceMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  caseOf(collection: Collection, index: number): DirtyCase | null {
    return caseName(collection, this.caseCodes(collection)[index] ?? 0);
  }

  /** One byte per record: 0 for clean, else the position of its case in CASES_BY_COLLECTION. */
  caseCodes(collection: Collection): Uint8Array {
    const cached = this.codes.get(collection);
    if (cached) return cached;
    const n = this.count(collection);
    const codes = new Uint8Array(n);
    const cases = CASES_BY_COLLECTION[collection];
    const rates = this.config.dirtyRates;
    const total = cases.reduce((sum, name) => sum + rates[name], 0);
    if (total > 1) throw new Error(`dirty rates of ${collection} add up to ${total} > 1`);
    const cycleCode = collection === "companies" ? caseCode("companies", "parent_cycle") : -1;
    // Index 0 stays clean: it is the fallback owner, the first parent, the duplicate target.
    for (let i = 1; i < n; i++) {
      if (cycleCode > 0 && codes[i - 1] === cycleCode && i % 2 === 1) {
        codes[i] = cycleCode;
        continue;
      }
      const u = this.rng(collection, i).next();
      let edge = 0;
      for (let c = 0; c < cases.length; c++) {
        const name = cases[c] as DirtyCase;
        // A cycle is planted as a pair (even i, i + 1): even indices draw at the full rate and pull
        // in their odd neighbour, so about `rate` of all companies end up in a cycle.
        const width = name === "parent_cycle" ? (i % 2 === 0 && i + 1 < n ? rates[name] : 0) : rates[name];
        edge += width;
        if (u < edge) {
          if (this.available(name)) codes[i] = c + 1;
          break;
        }
      }
    }
    if (collection === "users") this.ensureUserCases(codes);
    this.codes.set(collection, codes);
    return codes;
  }

  /**
   * A demo needs at least one inactive and one unmatched user to show owner fallback, which a
   * small user table can miss by chance: the last users take those roles when rates allow.
   */
  private ensureUserCases(codes: Uint8Array): void {
    const wanted = (["unmatched_user", "inactive_user"] as const).filter((name) => this.config.dirtyRates[name] > 0);
    let slot = codes.length - 1;
    for (const name of wanted) {
      const code = caseCode("users", name);
      if (codes.includes(code)) continue;
      while (slot > 0 && codes[slot] !== 0) slot--;
      if (slot <= 0 || codes.filter((c) => c === 0).length < 2) return;
      codes[slot] = code;
    }
  }

  /** Cases that need another record to exist (an inactive user, a deleted company, ...). */
  private available(name: DirtyCase): boolean {
    switch (name) {
      case "inactive_owner":
        return this.indicesWithCase("users", "inactive_user").length > 0;
      case "unmatched_owner":
        return this.indicesWithCase("users", "unmatched_user").length > 0;
      case "deleted_company_ref":
        return this.indicesWithCase("companies", "soft_deleted").length > 0;
      case "cross_pipeline_stage":
        return this.count("pipelines") >= 2;
      default:
        return true;
    }
  }

  indicesWithCase(collection: Collection, name: DirtyCase): Int32Array {
    return this.indexList(`${collection}|${name}`, collection, caseCode(collection, name));
  }

  /** Indices of clean records: what clean records reference, so a reference is never dirty. */
  cleanIndices(collection: Collection): Int32Array {
    return this.indexList(`${collection}|clean`, collection, 0);
  }

  private indexList(key: string, collection: Collection, code: number): Int32Array {
    const cached = this.indexLists.get(key);
    if (cached) return cached;
    const codes = this.caseCodes(collection);
    let size = 0;
    for (let i = 0; i < codes.length; i++) if (codes[i] === code) size++;
    const list = new Int32Array(size);
    let k = 0;
    for (let i = 0; i < codes.length; i++) if (codes[i] === code) list[k++] = i;
    this.indexLists.set(key, list);
    return list;
  }

  /** A clean record's index picked with `rng` (or -1 when the collection has none). */
  pickClean(collection: Collection, rng: Rng): number {
    const clean = this.cleanIndices(collection);
    if (clean.length === 0) return -1;
    return clean[Math.floor(rng.next() * clean.length)] ?? -1;
  }

  record(collection: Collection, index: number): VpRecord {
    if (!(index >= 0 && index < this.count(collection))) {
      throw new Error(`${collection} has no record ${index}`);
    }
    const rng = this.rng(collection, index);
    rng.next(); // the case draw, consumed so field draws never depend on the case rates
    const dirty = this.caseOf(collection, index);
    const updatedAtMs = this.updatedAtMs(collection, index);
    const ageMs = Math.floor(rng.next() * 730 * DAY_MS);
    const createdAtMs = Math.max(this.config.windowStartMs - 365 * DAY_MS, updatedAtMs - ageMs);
    const fields: JsonObject = buildRecord({ ds: this, collection, index, rng, dirty, createdAtMs, updatedAtMs });
    const stamp = isoSeconds(updatedAtMs);
    return {
      id: idOf(collection, index),
      ...fields,
      created_at: isoSeconds(Math.floor(createdAtMs / 1000) * 1000),
      updated_at: stamp,
      deleted_at: dirty === "soft_deleted" ? stamp : null,
    };
  }
}

export interface BuildContext {
  ds: Dataset;
  collection: Collection;
  index: number;
  rng: Rng;
  dirty: DirtyCase | null;
  createdAtMs: number;
  updatedAtMs: number;
}
