/**
 * A source change to a record Freshsales also changed after the run: the fields only the source
 * changed are written at once, the fields both changed differently become (or refresh) the
 * record's open conflict. The conflict is recorded before anything is written, and the write
 * is repeatable (a second reading finds both sides agreeing on the merged fields), so a poll
 * killed in between loses nothing and writes nothing twice. A deal's changed line items are
 * sent as well.
 */
import { FreshsalesValidationError } from "@/lib/connectors/freshsales/errors";
import { setDealProducts, updateRecord } from "@/lib/connectors/freshsales/record-writes";
import { canonicalJson } from "@/lib/extraction/canonical-hash";
import { lineItems } from "@/lib/migration/record-payloads";
import type { BatchContext } from "@/lib/migration/batch-context";
import type { Db } from "@/lib/server/db";
import { ENTITY, threeWay, type LedgerWrite, type Upsertable } from "./conflict-check";
import { conflictFieldsSchema, type ConflictField } from "./types";

export interface ThreeWayInput {
  migrationId: string;
  runId: string;
  objectType: Upsertable;
  sourceId: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  write: LedgerWrite;
}

/** A choice already made for a field stays while the field's values are the ones it was made on. */
function keepChoices(next: ConflictField[], previous: readonly ConflictField[]): ConflictField[] {
  const byField = new Map(previous.map((f) => [f.field, f]));
  return next.map((f) => {
    const was = byField.get(f.field);
    return was?.choice && was.source === f.source && was.destination === f.destination ? { ...f, choice: was.choice } : f;
  });
}

/** "conflict" or "merged" when handled here; null when Freshsales was not edited (apply the source as usual). */
export async function applyThreeWay(db: Db, ctx: BatchContext, input: ThreeWayInput): Promise<"conflict" | "merged" | null> {
  const { migrationId, runId, objectType, sourceId } = input;
  const open = await db.deltaConflict.findFirst({ where: { migrationId, objectType, sourceId, status: "open" } });
  const openFields = open ? conflictFieldsSchema.parse(open.fields) : undefined;
  const result = await threeWay(ctx, objectType, sourceId, input.before, input.after, input.write, openFields);
  if (!result) return null;
  const record = async (conflicts: ConflictField[]) => {
    const fields = keepChoices(conflicts, openFields ?? []);
    const current = await db.deltaConflict.findFirst({ where: { migrationId, objectType, sourceId, status: "open" } });
    if (current) await db.deltaConflict.update({ where: { id: current.id }, data: { fields: fields as object, runId } });
    else await db.deltaConflict.create({ data: { migrationId, runId, objectType, sourceId, destId: input.write.destId, fields: fields as object } });
  };
  if (result.conflicts.length > 0) await record(result.conflicts);
  else if (open) {
    // The sides agree again (or only one side still differs): nothing is left to decide.
    await db.deltaConflict.updateMany({ where: { id: open.id, status: "open" }, data: { status: "settled", decidedAt: new Date() } });
  }
  let refused = false;
  if (Object.keys(result.merge).length > 0) {
    try {
      await updateRecord(ctx.conn, ENTITY[objectType], Number(input.write.destId), result.merge);
    } catch (error) {
      if (!(error instanceof FreshsalesValidationError)) throw error;
      // Refused values are put before the admin with Freshsales' reason, not sent again each poll;
      // when its messages name some fields, the others are written without them.
      const why = error.messages.join("; ") || error.message;
      const named = result.merged.filter((f) => error.messages.some((m) => m.includes(f.field)));
      const fields = named.length > 0 ? named : result.merged;
      await record([...result.conflicts, ...fields.map((f) => ({ ...f, refused: why }))]);
      const rest = Object.fromEntries(Object.entries(result.merge).filter(([f]) => !fields.some((r) => r.field === f)));
      if (Object.keys(rest).length > 0) await updateRecord(ctx.conn, ENTITY[objectType], Number(input.write.destId), rest);
      refused = true;
    }
  }
  await sendLineItems(db, ctx, input);
  return result.conflicts.length > 0 || refused ? "conflict" : "merged";
}

/**
 * A deal's line items are written from the source only (the three-way comparison covers the
 * deal's fields): a change there is sent even when Freshsales edited other fields. A PUT
 * replaces them, so a poll repeated after a kill sends the same list again harmlessly.
 */
async function sendLineItems(db: Db, ctx: BatchContext, input: ThreeWayInput): Promise<void> {
  if (input.objectType !== "deals" || !ctx.settings.mapping.routing.product.dealLineItems) return;
  const after = lineItems(input.after);
  if (canonicalJson(lineItems(input.before)) === canonicalJson(after)) return;
  const products = await db.ledgerEntry.findMany({ where: { migrationId: input.migrationId, objectType: "products", sourceId: { in: after.map((l) => l.productId) }, destId: { not: null } } });
  const destOf = new Map(products.map((p) => [p.sourceId, Number(p.destId)]));
  const lines = after.flatMap((l) => (destOf.has(l.productId) ? [{ productId: destOf.get(l.productId)!, quantity: l.quantity, unitPrice: l.unitPrice }] : []));
  try {
    await setDealProducts(ctx.conn, Number(input.write.destId), lines);
  } catch (error) {
    if (!(error instanceof FreshsalesValidationError)) throw error;
    const reason = `deal ${input.sourceId}: written, but its line items changed during the cutover window were refused: ${error.messages.join("; ") || error.message}`;
    await db.ledgerEntry.update({ where: { migrationId_objectType_sourceId: { migrationId: input.migrationId, objectType: "deals", sourceId: input.sourceId } }, data: { reason } });
  }
}
