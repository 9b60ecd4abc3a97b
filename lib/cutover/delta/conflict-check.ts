/**
 * Three-way comparison of a record both sides may have changed after the run: per field, the
 * value the run wrote (the base), the source's new value and what Freshsales holds now. A field
 * only the source changed is merged (written) without asking, one only Freshsales changed keeps
 * Freshsales' value, one both changed to the same value needs nothing; only a field both
 * changed differently is a conflict for the admin.
 *
 * Whether Freshsales was edited at all: its `updated_at` is not before the ledger's write (both
 * to the second; the two clocks are different machines) and a field the run wrote no longer
 * holds the value it wrote. The content check keeps the run's own write, stamped in the same
 * second, from counting as an edit.
 */
import { getRecord } from "@/lib/connectors/freshsales/record-writes";
import type { FsEntity, FsFields } from "@/lib/connectors/freshsales/wire";
import type { BatchContext } from "@/lib/migration/batch-context";
import { companyPayloads, contactPayloads, dealPayloads, type Payload } from "@/lib/migration/record-payloads";
import { displayValue, expectedForCompare, readBack, sameValue } from "@/lib/verification/values";
import type { ConflictField } from "./types";

export type Upsertable = "companies" | "contacts" | "deals";
export const ENTITY: Record<Upsertable, FsEntity> = { companies: "sales_account", contacts: "contact", deals: "deal" };

/** `cut`: a company whose parent link the run cut to break a parent cycle (written without parent). */
export async function payloadOf(ctx: BatchContext, objectType: Upsertable, sourceId: string, data: Record<string, unknown>, target: string | null, cut = false): Promise<Payload | undefined> {
  const records = new Map([[sourceId, data]]);
  const out =
    objectType === "companies"
      ? await companyPayloads(ctx, records, new Set(cut ? [sourceId] : []))
      : objectType === "contacts"
        ? await contactPayloads(ctx, records, new Map([[sourceId, target]]))
        : await dealPayloads(ctx, records);
  return out.get(sourceId);
}

export interface LedgerWrite {
  destId: string;
  target: string | null;
  writtenAt: Date;
  /** The ledger's reason: a company written without its parent to break a cycle says so. */
  reason?: string | null;
}

export interface ThreeWay {
  /** Fields both sides changed, differently: the admin decides them. */
  conflicts: ConflictField[];
  /** Fields only the source changed: written to Freshsales without asking. */
  merge: FsFields;
  /** The same fields with their three values, for the admin should Freshsales refuse them. */
  merged: ConflictField[];
}

/**
 * The base of each field: what the run wrote, recomputed from the staged copy the run (or the
 * last applied poll) wrote from; for a field of a conflict still open, the base stored with it,
 * since the staged copy has moved on to the source's value the conflict holds back.
 */
function baseOf(wrote: FsFields, open: readonly ConflictField[] | undefined): FsFields {
  const base = { ...wrote };
  for (const f of open ?? []) if (f.writtenRaw !== undefined) base[f.field] = f.writtenRaw as FsFields[string];
  return base;
}

/** Null when Freshsales still holds what the run wrote (the caller applies the source as usual). */
export async function threeWay(
  ctx: BatchContext,
  objectType: Upsertable,
  sourceId: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  write: LedgerWrite,
  open?: readonly ConflictField[],
): Promise<ThreeWay | null> {
  const dest = await getRecord(ctx.conn, ENTITY[objectType], Number(write.destId));
  if (!dest) return null;
  const touched = dest.updatedAt ? Date.parse(dest.updatedAt) : Number.NaN;
  if (Number.isNaN(touched) || touched < Math.floor(write.writtenAt.getTime() / 1000) * 1000) return null;
  const cut = objectType === "companies" && (write.reason ?? "").startsWith("parent-company cycle");
  const wrote = await payloadOf(ctx, objectType, sourceId, before, write.target, cut);
  if (!wrote?.ok) return null;
  const base = baseOf(wrote.fields, open);
  const editedInDestination = (f: string, v: unknown) => !sameValue(expectedForCompare(f, v), readBack(dest.fields, f, v));
  if (!Object.entries(base).some(([f, v]) => editedInDestination(f, v))) return null;
  // A source record that cannot be written now goes the usual way, which records why.
  const now = await payloadOf(ctx, objectType, sourceId, after, write.target, cut);
  if (!now?.ok) return null;
  const conflicts: ConflictField[] = [];
  const merge: FsFields = {};
  const merged: ConflictField[] = [];
  const three = (f: string, written: unknown, source: unknown): ConflictField => ({
    field: f, source: displayValue(source), destination: displayValue(readBack(dest.fields, f, written ?? source)), written: displayValue(written), writtenRaw: written ?? null,
  });
  for (const f of new Set([...Object.keys(base), ...Object.keys(now.fields)])) {
    const written = base[f];
    const source = now.fields[f];
    if (sameValue(written, source)) continue; // the source left it: Freshsales' value stands
    if (!editedInDestination(f, written)) {
      merge[f] = source ?? null;
      merged.push(three(f, written, source));
      continue;
    }
    if (sameValue(expectedForCompare(f, source), readBack(dest.fields, f, written ?? source))) continue; // both made the same change
    conflicts.push(three(f, written, source));
  }
  return { conflicts, merge, merged };
}
