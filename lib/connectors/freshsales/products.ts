/** CPQ products (freshsales-api.md §2.7): the update the cutover window sends to a product the run created. */
import type { FreshsalesConnection } from "./connection";

/**
 * Replaces a product's values with `product` (the body a create sends). A PUT of the same
 * values is harmless to repeat, so a poll that dies after it needs no intent row.
 */
export async function updateProduct(conn: FreshsalesConnection, id: number, product: Record<string, unknown>): Promise<void> {
  await conn.request("PUT", `cpq/products/${id}`, { json: { product } });
}
