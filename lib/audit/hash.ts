import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** JSON with keys sorted at every level, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export interface ChainedFields {
  organizationId: string;
  seq: number;
  migrationId: string | null;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  detail: unknown;
  createdAt: string;
  prevHash: string;
}

export function eventHash(fields: ChainedFields): string {
  return createHash("sha256").update(canonicalJson(fields)).digest("hex");
}

export interface StoredEvent extends ChainedFields {
  hash: string;
}

/** Walks a chain in `seq` order; returns the first event whose link or content is broken. */
export function findBrokenLink(events: StoredEvent[]): { seq: number; reason: string } | null {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of events) {
    if (e.seq !== expectedSeq) return { seq: e.seq, reason: `expected event #${expectedSeq}, found #${e.seq}` };
    if (e.prevHash !== prev) return { seq: e.seq, reason: "previous-hash link does not match" };
    const { hash, ...fields } = e;
    if (eventHash(fields) !== hash) return { seq: e.seq, reason: "content changed after it was written" };
    prev = hash;
    expectedSeq++;
  }
  return null;
}
