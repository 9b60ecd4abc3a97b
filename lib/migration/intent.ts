/**
 * Writes for objects with no upsert endpoint: intent rows are committed before any call, and
 * an intent left without a destination id (a crash, or an answer that never came) is resolved
 * by looking for the record's source-id marker in the destination before anything is retried.
 * A batch's intents go in one statement, its creates run side by side, and their outcomes are
 * committed together; a crash in between leaves intents, which the next attempt resolves.
 */
import pLimit from "p-limit";
import { FreshsalesOutcomeUnknownError, FreshsalesValidationError, FreshsalesNotFoundError, FreshsalesFileTooLargeError, FreshsalesPayloadTooLargeError } from "@/lib/connectors/freshsales/errors";
import { errorText, failed, type BatchContext } from "./batch-context";
import { record, type LedgerRow, type Outcome } from "./ledger";

export interface IntentWrite {
  row: LedgerRow;
  /** The record's destination id if the destination already holds it (after a crash), else null. */
  find: () => Promise<string | null>;
  create: () => Promise<string>;
  /**
   * Sends the record's current values to the destination record it already has (the cutover
   * window re-sending a record changed in the source). A PUT of the same values is harmless to
   * repeat, so a row with a destination id needs no intent.
   */
  update?: (destId: string) => Promise<void>;
  target: string;
  note?: string | null;
}

const CREATES_AT_ONCE = 6;

/** Answers false when some outcome stays unknown (the batch is then retried, and resolves it first). */
export async function writeIntents(ctx: BatchContext, objectType: string, writes: IntentWrite[], concurrency = CREATES_AT_ONCE): Promise<boolean> {
  if (writes.length === 0) return true;
  const outcomes: Outcome[] = [];
  const toCreate: IntentWrite[] = [];
  const toUpdate: IntentWrite[] = [];
  for (const w of writes) {
    if (w.row.destId && w.update) toUpdate.push(w);
    else if (w.row.state === "intent" && !w.row.destId) {
      const found = await w.find();
      if (found) outcomes.push({ sourceId: w.row.sourceId, state: "written", action: "created", destId: found, target: w.target, reason: w.note ?? null });
      else toCreate.push(w);
    } else toCreate.push(w);
  }
  const fresh = toCreate.filter((w) => w.row.state !== "intent");
  await record(ctx.db, ctx.migrationId, objectType, ctx.runId, fresh.map((w) => ({ sourceId: w.row.sourceId, state: "intent" as const, target: w.target, reason: null })));
  ctx.chaos(`${objectType}:after-intent`);
  let unknown = false;
  let unexpected: unknown;
  const limit = pLimit(concurrency);
  await Promise.all(
    [...toUpdate, ...toCreate].map((w) =>
      limit(async () => {
        if (unexpected) return;
        try {
          const destId = w.row.destId && w.update ? (await w.update(w.row.destId), w.row.destId) : await w.create();
          outcomes.push({ sourceId: w.row.sourceId, state: "written", action: w.row.action ?? "created", destId, target: w.target, reason: w.note ?? null });
        } catch (error) {
          if (error instanceof FreshsalesOutcomeUnknownError) unknown = true;
          // A 413: the account's own per-file limit is below the documented 150 MB (§2.6 leaves it open).
          else if (error instanceof FreshsalesValidationError || error instanceof FreshsalesNotFoundError || error instanceof FreshsalesFileTooLargeError || error instanceof FreshsalesPayloadTooLargeError) {
            const said = error instanceof FreshsalesPayloadTooLargeError ? `Freshsales refused it as too large (413): ${errorText(error)}` : errorText(error);
            outcomes.push(failed(w.row.sourceId, `${objectType} ${w.row.sourceId}: ${said}`));
          } else unexpected ??= error;
        }
      }),
    ),
  );
  ctx.chaos(`${objectType}:after-create`);
  await record(ctx.db, ctx.migrationId, objectType, ctx.runId, outcomes);
  if (unexpected) throw unexpected;
  return !unknown;
}
