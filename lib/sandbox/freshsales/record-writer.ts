import { ApiError, badRequest } from "./api-error";
import { checkValue, isEmpty } from "./field-values";
import { pruneRefs } from "./record-refs";
import { createAccountNamed, NEW_ACCOUNT, writeRelation } from "./record-relations";
import type { Store } from "./store";
import type { Entity, FieldDef, StoredRecord } from "./types";

/** Keys a client may echo back from a read; they are read-only and silently ignored. */
const TIMESTAMPS = new Set(["created_at", "updated_at"]);
const READ_ONLY = new Set(["id", "created_at", "updated_at", "display_name", "links", "is_deleted", "email_ids"]);

export interface WriteContext {
  store: Store;
  now: number;
  actorId: number;
}

function collect(errors: string[], fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) errors.push(...e.messages);
    else throw e;
  }
}

/**
 * Validates a create/update body against the entity's field metadata and the account's
 * rules, then writes it. Validation is all-or-nothing: on any error nothing changes and a
 * 400 lists every problem, each naming its field.
 */
export function writeRecord(
  ctx: WriteContext,
  entity: Entity,
  body: Record<string, unknown>,
  existing?: StoredRecord,
): StoredRecord {
  const { store } = ctx;
  if (existing) pruneRefs(store, entity, existing);
  const errors: string[] = [];
  const data: Record<string, unknown> = existing ? { ...existing.data } : {};
  const cf: Record<string, unknown> = existing?.cf ? { ...existing.cf } : {};
  const fields = store.fields[entity];

  const setCustom = (name: string, value: unknown): void => {
    const def = store.field(entity, name);
    if (!def || def.system) throw badRequest(`custom_field: unknown custom field ${name}`);
    const v = checkValue(store, def, value);
    if (v === null) delete cf[name];
    else cf[name] = v;
  };

  for (const [key, value] of Object.entries(body)) {
    // §5: whether created_at/updated_at may be set is unknown; a stricter account refuses them.
    if (TIMESTAMPS.has(key) && value !== undefined && store.rules.refuseTimestamps) {
      errors.push(`${key} is read-only and cannot be set`);
      continue;
    }
    if (READ_ONLY.has(key) || value === undefined) continue;
    if (key === "custom_field") {
      if (value === null) continue;
      if (typeof value !== "object" || Array.isArray(value)) {
        errors.push("custom_field must be an object");
        continue;
      }
      for (const [name, v] of Object.entries(value as Record<string, unknown>)) collect(errors, () => setCustom(name, v));
      continue;
    }
    if (key.startsWith("cf_")) {
      collect(errors, () => setCustom(key, value));
      continue;
    }
    collect(errors, () => {
      if (writeRelation(ctx, entity, key, value, data, existing)) return;
      const def = store.field(entity, key);
      // Unknown keys, and relation fields written through their own keys (a deal's
      // `contacts` goes through contacts_added_list), are ignored as the real API does.
      if (!def?.system || def.ref === "special") return;
      const v = checkValue(store, def, value);
      if (v === null) delete data[key];
      else data[key] = v;
    });
  }

  if (entity === "deals") collect(errors, () => writeRelation(ctx, entity, "$pipeline", body, data, existing));
  if (!existing && data.owner_id === undefined) data.owner_id = ctx.actorId;

  for (const f of fields) {
    if (!f.required) continue;
    const present = f.system ? !isEmpty(data[f.name]) : !isEmpty(cf[f.name]);
    const touched = f.system ? fieldTouched(f, body) : customTouched(f, body);
    if (!present && (!existing || touched)) errors.push(`${f.name} is required`);
  }

  const emails = entity === "contacts" ? ((data.emails as string[] | undefined) ?? []) : [];
  for (const email of emails) {
    const owner = store.emailIndex.get(email.toLowerCase());
    if (owner !== undefined && owner !== existing?.id) errors.push(`emails: ${email} already exists for another contact`);
  }
  for (const f of fields) {
    if (!f.unique || f.system || cf[f.name] === undefined) continue;
    const holder = store.uniqueMap(entity, f.name).get(String(cf[f.name]));
    if (holder !== undefined && holder !== existing?.id) {
      errors.push(`${f.name}: the value ${JSON.stringify(cf[f.name])} is already used by another record`);
    }
  }
  if (entity === "sales_accounts" && store.rules.uniqueAccountNames) collect(errors, () => checkAccountName(store, data.name, existing));
  if (errors.length > 0) throw new ApiError(400, errors);
  if (typeof data[NEW_ACCOUNT] === "string") {
    data.sales_account_id = createAccountNamed(ctx, data[NEW_ACCOUNT]);
    delete data[NEW_ACCOUNT];
  }

  const record: StoredRecord = existing ?? {
    id: store.nextId(entity),
    createdAt: ctx.now,
    updatedAt: ctx.now,
    data,
    cf: undefined,
  };
  unindex(store, entity, record);
  record.data = data;
  record.cf = Object.keys(cf).length > 0 ? cf : undefined;
  record.updatedAt = ctx.now;
  store.records[entity].set(record.id, record);
  index(store, entity, record);
  return record;
}

/**
 * Rule `uniqueAccountNames` (profile.ts): a destination that keeps account names unique, in any
 * case. A scan, like the by-name lookups beside it: the rule is for tests, not million-record runs.
 */
function checkAccountName(store: Store, name: unknown, existing: StoredRecord | undefined): void {
  if (typeof name !== "string" || !name.trim()) return;
  const wanted = name.trim().toLowerCase();
  for (const r of store.records.sales_accounts.values()) {
    if (r.id !== existing?.id && String(r.data.name ?? "").trim().toLowerCase() === wanted) {
      throw badRequest(`name: a sales account named ${JSON.stringify(name)} already exists`);
    }
  }
}

function fieldTouched(f: FieldDef, body: Record<string, unknown>): boolean {
  if (f.name === "emails") return "emails" in body || "email" in body;
  return f.name in body;
}

function customTouched(f: FieldDef, body: Record<string, unknown>): boolean {
  const cfBody = body.custom_field;
  return f.name in body || (typeof cfBody === "object" && cfBody !== null && f.name in cfBody);
}

export function index(store: Store, entity: Entity, r: StoredRecord): void {
  if (entity === "contacts") {
    for (const e of (r.data.emails as string[] | undefined) ?? []) store.emailIndex.set(e.toLowerCase(), r.id);
  }
  if (!r.cf) return;
  for (const f of store.fields[entity]) {
    if (f.unique && !f.system && r.cf[f.name] !== undefined) store.uniqueMap(entity, f.name).set(String(r.cf[f.name]), r.id);
  }
}

export function unindex(store: Store, entity: Entity, r: StoredRecord): void {
  if (entity === "contacts") {
    for (const e of (r.data.emails as string[] | undefined) ?? []) {
      if (store.emailIndex.get(e.toLowerCase()) === r.id) store.emailIndex.delete(e.toLowerCase());
    }
  }
  if (!r.cf) return;
  for (const f of store.fields[entity]) {
    if (!f.unique || f.system || r.cf[f.name] === undefined) continue;
    const m = store.uniqueMap(entity, f.name);
    if (m.get(String(r.cf[f.name])) === r.id) m.delete(String(r.cf[f.name]));
  }
}
