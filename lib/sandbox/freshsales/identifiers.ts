import { badRequest, notFound } from "./api-error";
import { displayName } from "./record-view";
import type { Store } from "./store";
import type { Entity, StoredRecord } from "./types";

export interface Identifier {
  key: string;
  value: unknown;
}

const ALLOWED: Record<Entity, string[]> = {
  contacts: ["emails", "email", "mobile_number", "id"],
  sales_accounts: ["name", "id"],
  deals: ["id", "name"],
};

/** Validates a `unique_identifier` object: exactly one allowed key (decision 1). */
export function parseIdentifier(store: Store, entity: Entity, raw: unknown): Identifier {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw badRequest("unique_identifier must be an object");
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length !== 1) throw badRequest("unique_identifier must name exactly one field");
  const [key, value] = entries[0] as [string, unknown];
  if (value === null || value === undefined || value === "") throw badRequest(`unique_identifier.${key} must have a value`);
  if (ALLOWED[entity].includes(key)) return { key, value };
  if (key.startsWith("cf_")) {
    const f = store.field(entity, key);
    if (!f) throw badRequest(`unique_identifier: unknown custom field ${key}`);
    if (!f.unique) throw badRequest(`unique_identifier: ${key} is not a unique field`);
    return { key, value };
  }
  throw badRequest(`unique_identifier: ${key} cannot identify a ${entity} record`);
}

export function findByIdentifier(store: Store, entity: Entity, ident: Identifier): StoredRecord | undefined {
  const map = store.records[entity];
  const { key, value } = ident;
  if (key === "id") return map.get(Number(value));
  if (key === "emails" || key === "email") {
    const id = store.emailIndex.get(String(value).toLowerCase());
    return id === undefined ? undefined : map.get(id);
  }
  if (key.startsWith("cf_")) {
    const id = store.uniqueMap(entity, key).get(String(value));
    return id === undefined ? undefined : map.get(id);
  }
  const wanted = String(value).toLowerCase();
  for (const r of map.values()) {
    const v = key === "name" ? displayName(entity, r) : r.data[key];
    if (typeof v === "string" && v.toLowerCase() === wanted) return r;
  }
  return undefined;
}

/** The create body for an upsert that found nothing: the identifier becomes a field value. */
export function bodyWithIdentifier(ident: Identifier, body: Record<string, unknown>): Record<string, unknown> {
  const { key, value } = ident;
  if (key === "id") throw notFound(`Record ${String(value)}`);
  if (key.startsWith("cf_")) {
    const cf = (typeof body.custom_field === "object" && body.custom_field !== null ? body.custom_field : {}) as Record<string, unknown>;
    return { ...body, custom_field: { [key]: value, ...cf } };
  }
  if ((key === "email" || key === "emails") && (body.email !== undefined || body.emails !== undefined)) return body;
  return { [key]: value, ...body };
}
