import type { Collection } from "./config";
import type { BuildContext } from "./dataset";
import { missingUserId } from "./ids";
import type { Json } from "./json";
import type { Rng } from "./prng";
import { BAD_PHONES, CITIES, FIRST_NAMES, LAST_NAMES, STREETS, UNICODE_NAMES } from "./words";

/** Lowercase ASCII letters only, for emails and slugs. */
export function slug(text: string): string {
  return text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "");
}

export function personName(rng: Rng, unicode: boolean): { first: string; last: string } {
  if (unicode) {
    const [first, last] = rng.pick(UNICODE_NAMES);
    return { first, last };
  }
  return { first: rng.pick(FIRST_NAMES), last: rng.pick(LAST_NAMES) };
}

/** NUL, bell, escape and backspace inside otherwise ordinary text. */
export function withControlChars(text: string, rng: Rng): string {
  const at = rng.int(1, Math.max(1, text.length - 1));
  return `${text.slice(0, at)}\u0000${text.slice(at)}\u0007\u001b[0m\b`;
}

export function phone(rng: Rng): string {
  return `+1-${rng.int(201, 989)}-555-${String(rng.int(0, 9999)).padStart(4, "0")}`;
}

export function badPhone(rng: Rng): string {
  return rng.pick(BAD_PHONES);
}

export function address(rng: Rng): Json {
  const [city, state] = rng.pick(CITIES);
  return {
    street: `${rng.int(1, 9999)} ${rng.pick(STREETS)}`,
    city,
    state,
    postal_code: String(rng.int(10000, 99999)),
    country: "US",
  };
}

export function money(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** A price with three to five decimals: what a careless import leaves behind. */
export function moneyTooPrecise(rng: Rng, units: number): string {
  const decimals = rng.int(3, 5);
  return (units + rng.int(1, 10 ** decimals - 1) / 10 ** decimals).toFixed(decimals);
}

export function dateOnly(year: number, rng: Rng): string {
  return `${year}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
}

/** Far past or far future, as real data holds (typos, "never" placeholders). */
export function farYear(rng: Rng): number {
  return rng.chance(0.5) ? rng.int(1850, 1901) : rng.int(2150, 2999);
}

/** The owner a record points at: a good user for clean records, else per its dirty case. */
export function ownerId(ctx: BuildContext): string {
  const { ds, rng, dirty } = ctx;
  const pickFrom = (list: Int32Array) => ds.idOf("users", list[Math.floor(rng.next() * list.length)] ?? 0);
  if (dirty === "inactive_owner") return pickFrom(ds.indicesWithCase("users", "inactive_user"));
  if (dirty === "unmatched_owner") return pickFrom(ds.indicesWithCase("users", "unmatched_user"));
  if (dirty === "missing_owner") return missingUserId(rng.int(0, 999));
  return pickFrom(ds.cleanIndices("users"));
}

/** A clean record of another collection, or null when it has none. */
export function cleanRef(ctx: BuildContext, collection: Collection): string | null {
  const index = ctx.ds.pickClean(collection, ctx.rng);
  return index < 0 ? null : ctx.ds.idOf(collection, index);
}
