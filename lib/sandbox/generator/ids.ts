import type { Collection } from "./config";

/** Id prefixes; the zero-padded number makes string order equal index order. */
export const ID_PREFIX: Record<Collection, string> = {
  users: "usr",
  "custom-properties": "cpr",
  pipelines: "pip",
  products: "prd",
  companies: "cmp",
  contacts: "con",
  deals: "dea",
  activities: "act",
  attachments: "att",
  workflows: "wfl",
};

const WIDTH = 10;

export function idOf(collection: Collection, index: number): string {
  return `${ID_PREFIX[collection]}_${String(index + 1).padStart(WIDTH, "0")}`;
}

/** The index an id stands for, or null when it is not an id of this collection. */
export function indexOfId(collection: Collection, id: string): number | null {
  const prefix = `${ID_PREFIX[collection]}_`;
  if (!id.startsWith(prefix) || id.length !== prefix.length + WIDTH) return null;
  const digits = id.slice(prefix.length);
  if (!/^\d+$/.test(digits)) return null;
  const n = Number(digits);
  return n >= 1 ? n - 1 : null;
}

/** Stage ids are unique across pipelines: `stg_<pipeline number>_<position>`. */
export function stageId(pipelineIndex: number, position: number): string {
  return `stg_${pipelineIndex + 1}_${position}`;
}

/** Ids of owners that never existed sit far beyond any generated or created user. */
export function missingUserId(n: number): string {
  return idOf("users", 8_000_000_000 + n);
}

export function isoSeconds(ms: number): string {
  const iso = new Date(ms).toISOString();
  // Years past 9999 get a sign prefix in toISOString; the sandbox never produces them.
  return `${iso.slice(0, 19)}Z`;
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
