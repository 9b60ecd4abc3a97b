/**
 * Whether Freshsales was edited after the run wrote a record: the destination's `updated_at`
 * is not before the ledger's write (both to the second; the two clocks are different machines)
 * and a field the run wrote no longer holds the value it wrote. The content check keeps the
 * run's own write, stamped in the same second, from counting as an edit.
 */
import { getRecord } from "@/lib/connectors/freshsales/record-writes";
import type { FsEntity } from "@/lib/connectors/freshsales/wire";
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

/** The conflicting fields, or null when Freshsales still holds what the run wrote. */
export async function findConflict(
  ctx: BatchContext,
  objectType: Upsertable,
  sourceId: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  write: LedgerWrite,
): Promise<ConflictField[] | null> {
  const dest = await getRecord(ctx.conn, ENTITY[objectType], Number(write.destId));
  if (!dest) return null;
  const touched = dest.updatedAt ? Date.parse(dest.updatedAt) : Number.NaN;
  if (Number.isNaN(touched) || touched < Math.floor(write.writtenAt.getTime() / 1000) * 1000) return null;
  const cut = objectType === "companies" && (write.reason ?? "").startsWith("parent-company cycle");
  const wrote = await payloadOf(ctx, objectType, sourceId, before, write.target, cut);
  if (!wrote?.ok) return null;
  const edited = Object.entries(wrote.fields).filter(([f, v]) => !sameValue(expectedForCompare(f, v), readBack(dest.fields, f, v)));
  if (edited.length === 0) return null;
  const now = await payloadOf(ctx, objectType, sourceId, after, write.target, cut);
  const wants = now?.ok ? now.fields : {};
  const fields: ConflictField[] = [];
  for (const f of new Set([...Object.keys(wrote.fields), ...Object.keys(wants)])) {
    const written = wrote.fields[f];
    const got = readBack(dest.fields, f, written);
    const source = wants[f];
    if (sameValue(expectedForCompare(f, written), got) && sameValue(written, source)) continue;
    fields.push({ field: f, source: displayValue(source), destination: displayValue(got), written: displayValue(written) });
  }
  return fields;
}
