import type { FreshsalesConnection } from "./connection";
import { FreshsalesNotFoundError, FreshsalesOutcomeUnknownError } from "./errors";
import { asObject, FS_ENTITIES, toWireFields, unwrapRecord, type FsEntity, type FsFields, type FsRecord } from "./wire";
import { MalformedResponseError } from "../http/http-errors";

function recordOrThrow(body: unknown, entity: FsEntity, where: string): FsRecord {
  const record = unwrapRecord(body, entity);
  if (!record) throw new MalformedResponseError(where, `no ${entity} with an id in the answer`);
  return record;
}

/**
 * The record an update answered with. The doc shows updates answering the record, but a server
 * may answer 204 or a 2xx naming no record: the status says the update was accepted, and the id
 * is the one we sent to, so that is what the caller gets (it never needs more than the id).
 */
function updatedRecord(body: unknown, entity: FsEntity, id: number): FsRecord {
  return unwrapRecord(body, entity) ?? ({ id } as FsRecord);
}

/**
 * The record a create answered with (200 or 201; under its singular root or bare; the id a
 * number or a numeric string). A 2xx without one — an empty body, or JSON naming no id — does
 * not say whether the record was made, so it is an unknown outcome for the caller's marker
 * lookup to settle, never a failure and never a reason to send the create again.
 */
export function createdRecord(body: unknown, root: string, path: string): FsRecord {
  const record = unwrapRecord(body, root);
  if (!record) throw new FreshsalesOutcomeUnknownError("POST", path, new MalformedResponseError(`POST ${path}`, `no ${root} with an id in the answer`));
  return record;
}

/** Plain create. Not idempotent: prefer `upsertRecord` keyed on the source-id field. */
export async function createRecord(conn: FreshsalesConnection, entity: FsEntity, fields: FsFields): Promise<FsRecord> {
  const path = FS_ENTITIES[entity].plural;
  const { body } = await conn.request("POST", path, { json: { [entity]: toWireFields(fields) } });
  return createdRecord(body, entity, path);
}

export async function updateRecord(conn: FreshsalesConnection, entity: FsEntity, id: number, fields: FsFields): Promise<FsRecord> {
  const path = `${FS_ENTITIES[entity].plural}/${id}`;
  const { body } = await conn.request("PUT", path, { json: { [entity]: toWireFields(fields) } });
  return updatedRecord(body, entity, id);
}

/**
 * Create-or-update keyed on `identifier` (e.g. `{cf_vp_id: "c_1"}` or `{emails: "a@b.com"}`).
 * Repeating it after a crash updates the same record instead of creating a second one.
 */
export async function upsertRecord(
  conn: FreshsalesConnection,
  entity: FsEntity,
  identifier: Record<string, string | number>,
  fields: FsFields,
): Promise<{ record: FsRecord; created: boolean }> {
  const path = `${FS_ENTITIES[entity].plural}/upsert`;
  const { status, body } = await conn.request("POST", path, {
    json: { unique_identifier: identifier, [entity]: toWireFields(fields) },
    idempotent: true,
  });
  // Without a record in the answer the upsert may have created one: unknown, like a create.
  return { record: createdRecord(body, entity, path), created: status === 201 };
}

/** One record (with `include` sideloads, e.g. `products`), or null when it does not exist. */
export async function getRecord(conn: FreshsalesConnection, entity: FsEntity, id: number, include?: string[]): Promise<FsRecord | null> {
  const path = `${FS_ENTITIES[entity].plural}/${id}`;
  try {
    const { body } = await conn.request("GET", path, { query: { include: include?.join(",") } });
    return recordOrThrow(body, entity, `GET ${path}`);
  } catch (error) {
    if (error instanceof FreshsalesNotFoundError) return null;
    throw error;
  }
}

/** Deletes one record; false when it was already gone (rollback repeats safely). */
export async function deleteRecord(conn: FreshsalesConnection, entity: FsEntity, id: number): Promise<boolean> {
  try {
    await conn.request("DELETE", `${FS_ENTITIES[entity].plural}/${id}`);
    return true;
  } catch (error) {
    if (error instanceof FreshsalesNotFoundError) return false;
    throw error;
  }
}

/** Deletes many records; the answer carries only a message. */
export async function bulkDestroy(conn: FreshsalesConnection, entity: FsEntity, ids: readonly number[]): Promise<{ message: string | undefined }> {
  const { body } = await conn.request("POST", `${FS_ENTITIES[entity].plural}/bulk_destroy`, { json: { selected_ids: ids }, idempotent: true });
  const message = asObject(body)?.message;
  return { message: typeof message === "string" ? message : undefined };
}

export interface DealProductLine {
  productId: number;
  quantity: number;
  /** Decimal string or number; omitted means the product's list price. */
  unitPrice?: string | number;
}

/** Replaces a deal's line items (`PUT /deals/:id` with `products`). */
export async function setDealProducts(conn: FreshsalesConnection, dealId: number, lines: readonly DealProductLine[]): Promise<FsRecord> {
  const products = lines.map((l) => ({ id: l.productId, quantity: l.quantity, ...(l.unitPrice !== undefined ? { unit_price: l.unitPrice } : {}) }));
  const path = `deals/${dealId}`;
  const { body } = await conn.request("PUT", path, { json: { deal: { products } }, query: { include: "products" } });
  return updatedRecord(body, "deal", dealId);
}
