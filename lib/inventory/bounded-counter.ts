/**
 * Counts values with bounded memory: exact counts for the first `cap` distinct values, then
 * a Misra-Gries summary for values first seen after the cap, so a frequent value arriving
 * late still reaches the top list. Keys are shortened (prefix + hash) so a 1 MB note costs
 * the same as a short string.
 */

export const DEFAULT_DISTINCT_CAP = 10_000;
const KEY_PREFIX_CHARS = 96;
const HEAVY_HITTER_SLOTS = 200;

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** The key a value is counted under: the value itself when short, else a prefix and a hash. */
export function countKey(value: string): string {
  if (value.length <= KEY_PREFIX_CHARS + 12) return value;
  return `${value.slice(0, KEY_PREFIX_CHARS)}…#${fnv1a(value)}/${value.length}`;
}

export class BoundedCounter {
  private readonly exact = new Map<string, number>();
  private readonly late = new Map<string, number>();
  private capped = false;

  constructor(private readonly cap: number = DEFAULT_DISTINCT_CAP) {}

  add(value: string): void {
    const key = countKey(value);
    const seen = this.exact.get(key);
    if (seen !== undefined) {
      this.exact.set(key, seen + 1);
      return;
    }
    if (this.exact.size < this.cap) {
      this.exact.set(key, 1);
      return;
    }
    this.capped = true;
    const lateCount = this.late.get(key);
    if (lateCount !== undefined) {
      this.late.set(key, lateCount + 1);
    } else if (this.late.size < HEAVY_HITTER_SLOTS) {
      this.late.set(key, 1);
    } else {
      // Misra-Gries: a new value with no free slot decrements every slot (amortised O(1)).
      for (const [k, c] of this.late) {
        if (c <= 1) this.late.delete(k);
        else this.late.set(k, c - 1);
      }
    }
  }

  /** Distinct values counted exactly (a lower bound once `isCapped`). */
  get distinct(): number {
    return this.exact.size;
  }

  get isCapped(): boolean {
    return this.capped;
  }

  /** Number of entries held in memory; bounded by cap + the heavy-hitter slots. */
  get heldEntries(): number {
    return this.exact.size + this.late.size;
  }

  /** Exact count of a value, when it is among the first `cap` distinct values. */
  exactCount(value: string): number | undefined {
    return this.exact.get(countKey(value));
  }

  top(n: number): { value: string; count: number }[] {
    const merged = new Map(this.exact);
    // A late value's Misra-Gries count is a lower bound; it can't collide with an exact key.
    for (const [k, c] of this.late) merged.set(k, c);
    return [...merged]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, n)
      .map(([value, count]) => ({ value, count }));
  }

  /** Every exactly-counted value with its count, most frequent first. */
  entries(): { value: string; count: number }[] {
    return this.top(this.exact.size + this.late.size);
  }
}
