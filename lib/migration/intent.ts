/**
 * Writes for objects with no upsert endpoint: an intent row is committed before the call, and
 * an intent left without a destination id (a crash, or an answer that never came) is resolved
 * by looking for the record's source-id marker in the destination before anything is retried.
 */
import { FreshsalesOutcomeUnknownError, FreshsalesValidationError, FreshsalesNotFoundError, FreshsalesFileTooLargeError } from "@/lib/connectors/freshsales/errors";
import { errorText, failed, type BatchContext } from "./batch-context";
import { record, type LedgerRow } from "./ledger";

export interface IntentWrite {
  /** The record's destination id if the destination already holds it (after a crash), else null. */
  find: () => Promise<string | null>;
  create: () => Promise<string>;
  target: string;
  note?: string | null;
}

/** Answers false when the outcome stays unknown (the batch is then retried). */
export async function writeWithIntent(ctx: BatchContext, objectType: string, row: LedgerRow, write: IntentWrite): Promise<boolean> {
  if (row.state === "intent" && !row.destId) {
    const found = await write.find();
    if (found) {
      await record(ctx.db, ctx.migrationId, objectType, ctx.runId, [{ sourceId: row.sourceId, state: "written", action: "created", destId: found, target: write.target, reason: write.note ?? null }]);
      return true;
    }
  } else {
    await record(ctx.db, ctx.migrationId, objectType, ctx.runId, [{ sourceId: row.sourceId, state: "intent", target: write.target, reason: null }]);
  }
  ctx.chaos(`${objectType}:after-intent`);
  try {
    const destId = await write.create();
    ctx.chaos(`${objectType}:after-create`);
    await record(ctx.db, ctx.migrationId, objectType, ctx.runId, [{ sourceId: row.sourceId, state: "written", action: "created", destId, target: write.target, reason: write.note ?? null }]);
    return true;
  } catch (error) {
    if (error instanceof FreshsalesOutcomeUnknownError) return false;
    if (error instanceof FreshsalesValidationError || error instanceof FreshsalesNotFoundError || error instanceof FreshsalesFileTooLargeError) {
      await record(ctx.db, ctx.migrationId, objectType, ctx.runId, [failed(row.sourceId, `${objectType} ${row.sourceId}: ${errorText(error)}`)]);
      return true;
    }
    throw error;
  }
}
