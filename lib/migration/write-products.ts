/**
 * Products (CPQ) and deal line items. The create and its lookup are made here through the
 * connection (body shapes from freshsales-api.md §2.7); the cutover window's update is the
 * connector's `updateProduct`.
 */
import pLimit from "p-limit";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { updateProduct } from "@/lib/connectors/freshsales/products";
import { createdRecord, setDealProducts } from "@/lib/connectors/freshsales/record-writes";
import { asObject, fromWireRecord, unwrapList } from "@/lib/connectors/freshsales/wire";
import { errorText, failed, marker, stagedData, type BatchContext } from "./batch-context";
import { mappedFields } from "./field-values";
import { destIds, record, type LedgerRow, type Outcome } from "./ledger";
import { writeIntents, type IntentWrite } from "./intent";
import { lineItems } from "./record-payloads";

export async function createProduct(conn: FreshsalesConnection, product: Record<string, unknown>): Promise<number> {
  const { body } = await conn.request("POST", "cpq/products", { json: { product } });
  return createdRecord(body, "product", "cpq/products").id;
}

async function findProduct(conn: FreshsalesConnection, name: string, mark: string): Promise<string | null> {
  const { body } = await conn.request("POST", "cpq/products/filterize", { json: { filter_rule: [{ attribute: "name", operator: "is_in", value: [name] }] }, idempotent: true });
  const hit = unwrapList(body, "products").flatMap((r) => fromWireRecord(r) ?? []).find((p) => String(p.fields.description ?? "").includes(mark));
  return hit ? String(hit.id) : null;
}

export async function deleteProduct(conn: FreshsalesConnection, id: number): Promise<void> {
  try {
    await conn.request("DELETE", `cpq/products/${id}`);
  } catch (error) {
    if (asObject(error)?.status !== 404) throw error;
  }
}

/** A product's body (mapped fields, name, the source-id marker in its description), or why it cannot be sent. */
export function productPayload(ctx: BatchContext, sourceId: string, r: Record<string, unknown>): { ok: false; reason: string } | { ok: true; name: string; mark: string; product: Record<string, unknown> } {
  const mapped = mappedFields(ctx.settings.mapping.fieldMap, "product", "products", r, sourceId, ctx.settings.destination);
  if (!mapped.ok) return mapped;
  const mark = marker(sourceId);
  const name = String(mapped.fields.name ?? r.name ?? sourceId);
  const description = `${String(mapped.fields.description ?? r.description ?? "")} ${mark}`.trim();
  const product: Record<string, unknown> = { ...mapped.fields, name, description };
  delete product.currency_code;
  return { ok: true, name, mark, product };
}

export async function writeProducts(ctx: BatchContext, rows: LedgerRow[]): Promise<boolean> {
  const work = rows.filter((r) => r.state === "pending" || r.state === "intent");
  const records = await stagedData(ctx.db, ctx.migrationId, "products", work.map((r) => r.sourceId));
  const writes: IntentWrite[] = [];
  for (const row of work) {
    const r = records.get(row.sourceId);
    if (!r) continue;
    const built = productPayload(ctx, row.sourceId, r);
    if (!built.ok) {
      await record(ctx.db, ctx.migrationId, "products", ctx.runId, [failed(row.sourceId, built.reason)]);
      continue;
    }
    const { name, mark, product } = built;
    writes.push({
      row,
      target: "products",
      find: () => findProduct(ctx.conn, name, mark),
      create: async () => String(await createProduct(ctx.conn, product)),
      update: (id) => updateProduct(ctx.conn, Number(id), product),
    });
  }
  return writeIntents(ctx, "products", writes);
}

/** Line items of deals already upserted (state intent with a destId): one PUT per deal, repeatable. */
export async function writeDealProducts(ctx: BatchContext, rows: LedgerRow[]): Promise<void> {
  const work = rows.filter((r) => r.state === "intent" && r.destId);
  if (work.length === 0) return;
  const records = await stagedData(ctx.db, ctx.migrationId, "deals", work.map((r) => r.sourceId));
  const products = await destIds(ctx.db, ctx.migrationId, "products", [...records.values()].flatMap((r) => lineItems(r).map((l) => l.productId)));
  const outcomes: Outcome[] = [];
  let unexpected: unknown;
  const limit = pLimit(6);
  // A PUT replaces the line items, so running them side by side and repeating one is harmless.
  await Promise.all(
    work.map((row) =>
      limit(async () => {
        const lines = lineItems(records.get(row.sourceId) ?? {}).flatMap((l) => {
          const dest = products.get(l.productId);
          return dest ? [{ productId: Number(dest.destId), quantity: l.quantity, unitPrice: l.unitPrice }] : [];
        });
        try {
          await setDealProducts(ctx.conn, Number(row.destId), lines);
          outcomes.push({ sourceId: row.sourceId, state: "written", reason: row.reason });
        } catch (error) {
          if (asObject(error)?.status === 400) {
            outcomes.push({ sourceId: row.sourceId, state: "written", reason: `deal ${row.sourceId}: written, but its line items were refused: ${errorText(error)}` });
          } else unexpected ??= error;
        }
      }),
    ),
  );
  await record(ctx.db, ctx.migrationId, "deals", ctx.runId, outcomes);
  if (unexpected) throw unexpected;
}
