import { badRequest } from "./api-error";
import { isEmail } from "./field-values";
import type { WriteContext } from "./record-writer";
import type { Entity, StoredRecord } from "./types";

type Data = Record<string, unknown>;

function asId(name: string, value: unknown): number {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n)) throw badRequest(`${name} must be an integer id`);
  return n;
}

function idList(name: string, value: unknown): number[] {
  if (!Array.isArray(value)) throw badRequest(`${name} must be an array of ids`);
  return value.map((v) => asId(name, v));
}

function mustExist(ctx: WriteContext, entity: Entity, name: string, id: number): void {
  if (!ctx.store.records[entity].has(id)) throw badRequest(`${name}: ${entity === "contacts" ? "contact" : entity === "deals" ? "deal" : "sales account"} ${id} does not exist`);
}

function parseEmails(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  const out: Array<{ v: string; primary: boolean }> = [];
  for (const item of items) {
    const raw: { value?: unknown; is_primary?: unknown } = typeof item === "object" && item !== null ? (item as { value?: unknown }) : { value: item };
    if (raw.value === null || raw.value === undefined || raw.value === "") continue;
    if (typeof raw.value !== "string" || !isEmail(raw.value)) throw badRequest(`emails: ${JSON.stringify(raw.value)} is not a valid email address`);
    out.push({ v: raw.value.trim(), primary: raw.is_primary === true });
  }
  out.sort((a, b) => Number(b.primary) - Number(a.primary));
  return [...new Set(out.map((x) => x.v))];
}

/**
 * Writes a relation or other entity-specific key into `data`. Returns false for keys that
 * are ordinary fields, which the caller validates from metadata.
 */
export function writeRelation(
  ctx: WriteContext,
  entity: Entity,
  key: string,
  value: unknown,
  data: Data,
  existing: StoredRecord | undefined,
): boolean {
  if (entity === "contacts") return contactRelation(ctx, key, value, data);
  if (entity === "sales_accounts") {
    if (key !== "parent_sales_account_id") return false;
    if (value === null || value === "") delete data.parent_sales_account_id;
    else {
      const id = asId(key, value);
      if (existing && existing.id === id) throw badRequest("parent_sales_account_id cannot be the account itself");
      mustExist(ctx, "sales_accounts", key, id);
      data.parent_sales_account_id = id;
    }
    return true;
  }
  return dealRelation(ctx, key, value, data, existing);
}

function contactRelation(ctx: WriteContext, key: string, value: unknown, data: Data): boolean {
  switch (key) {
    case "email": {
      const [email] = parseEmails(value);
      const rest = ((data.emails as string[] | undefined) ?? []).slice(1).filter((e) => e !== email);
      if (email) data.emails = [email, ...rest];
      else if (rest.length > 0) data.emails = rest;
      else delete data.emails;
      return true;
    }
    case "emails": {
      const emails = parseEmails(value);
      if (emails.length > 0) data.emails = emails;
      else delete data.emails;
      return true;
    }
    case "sales_account_id": {
      if (value === null || value === "") {
        delete data.sales_accounts;
        return true;
      }
      const id = asId(key, value);
      mustExist(ctx, "sales_accounts", key, id);
      const others = ((data.sales_accounts as number[] | undefined) ?? []).filter((x) => x !== id);
      data.sales_accounts = [id, ...others];
      return true;
    }
    case "sales_accounts": {
      if (!Array.isArray(value)) throw badRequest("The type for sales_accounts is invalid.");
      const list = value.map((item) => {
        if (typeof item !== "object" || item === null) throw badRequest("The type for sales_accounts is invalid.");
        const o = item as { id?: unknown; is_primary?: unknown };
        const id = asId("sales_accounts", o.id);
        mustExist(ctx, "sales_accounts", "sales_accounts", id);
        return { id, primary: o.is_primary === true };
      });
      list.sort((a, b) => Number(b.primary) - Number(a.primary));
      const ids = [...new Set(list.map((x) => x.id))];
      if (ids.length > 0) data.sales_accounts = ids;
      else delete data.sales_accounts;
      return true;
    }
    default:
      return false;
  }
}

function dealRelation(ctx: WriteContext, key: string, value: unknown, data: Data, existing: StoredRecord | undefined): boolean {
  switch (key) {
    case "sales_account_id":
      if (value === null || value === "") delete data.sales_account_id;
      else {
        const id = asId(key, value);
        mustExist(ctx, "sales_accounts", key, id);
        data.sales_account_id = id;
      }
      return true;
    case "sales_account": {
      const name = typeof value === "object" && value !== null ? (value as { name?: unknown }).name : undefined;
      if (typeof name !== "string" || !name.trim()) throw badRequest("sales_account.name is required");
      const found = findAccount(ctx, name.trim());
      if (found !== undefined) data.sales_account_id = found;
      else data[NEW_ACCOUNT] = name.trim(); // created by the writer once the deal is valid
      return true;
    }
    case "contacts_added_list": {
      const ids = idList(key, value);
      for (const id of ids) mustExist(ctx, "contacts", key, id);
      data.contacts = [...new Set([...((data.contacts as number[] | undefined) ?? []), ...ids])];
      return true;
    }
    case "contacts_removed_list": {
      const ids = new Set(idList(key, value));
      const left = ((data.contacts as number[] | undefined) ?? []).filter((x) => !ids.has(x));
      if (left.length > 0) data.contacts = left;
      else delete data.contacts;
      return true;
    }
    case "products": {
      if (!Array.isArray(value)) throw badRequest("products must be an array of {id, quantity, unit_price}");
      const list = value.map((item) => {
        const o = (typeof item === "object" && item !== null ? item : {}) as { id?: unknown; quantity?: unknown; unit_price?: unknown };
        const id = asId("products", o.id);
        if (!ctx.store.products.has(id)) throw badRequest(`products: product ${id} does not exist`);
        const qty = o.quantity === undefined ? 1 : Number(o.quantity);
        if (!Number.isFinite(qty) || qty <= 0) throw badRequest(`products: quantity of product ${id} must be a positive number`);
        const price = o.unit_price === undefined || o.unit_price === null ? null : Number(o.unit_price);
        if (price !== null && !Number.isFinite(price)) throw badRequest(`products: unit_price of product ${id} must be a number`);
        return [id, qty, price];
      });
      if (list.length > 0) data.products = list;
      else delete data.products;
      return true;
    }
    case "deal_pipeline_id":
    case "deal_stage_id":
      return true; // resolved together in "$pipeline"
    case "$pipeline":
      resolvePipeline(ctx, value as Data, data, existing);
      return true;
    default:
      return false;
  }
}

/** Marker key in a deal's pending data: the name of an account to create on commit. */
export const NEW_ACCOUNT = "$new_sales_account_name";

function findAccount(ctx: WriteContext, name: string): number | undefined {
  const lower = name.toLowerCase();
  for (const r of ctx.store.records.sales_accounts.values()) {
    if (String(r.data.name).toLowerCase() === lower) return r.id;
  }
  return undefined;
}

export function createAccountNamed(ctx: WriteContext, name: string): number {
  const id = ctx.store.nextId("sales_accounts");
  ctx.store.records.sales_accounts.set(id, {
    id,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    data: { name, owner_id: ctx.actorId },
    cf: undefined,
  });
  return id;
}

function resolvePipeline(ctx: WriteContext, body: Data, data: Data, existing: StoredRecord | undefined): void {
  const { store } = ctx;
  const hasPipe = body.deal_pipeline_id !== undefined && body.deal_pipeline_id !== null;
  const hasStage = body.deal_stage_id !== undefined && body.deal_stage_id !== null;
  if (!hasPipe && !hasStage && existing) return;
  let pipeline = store.defaultPipeline();
  if (hasPipe) {
    const id = asId("deal_pipeline_id", body.deal_pipeline_id);
    const p = store.pipelines.find((x) => x.id === id);
    if (!p) throw badRequest(`deal_pipeline_id: pipeline ${id} does not exist`);
    pipeline = p;
  }
  let stageId: number;
  if (hasStage) {
    stageId = asId("deal_stage_id", body.deal_stage_id);
    const stage = store.stage(stageId);
    if (!stage) throw badRequest(`deal_stage_id: stage ${stageId} does not exist`);
    if (!hasPipe && store.rules.stageInPipeline) {
      // Rule `stageInPipeline` (profile.ts): a stage alone stays in the deal's pipeline (a new
      // deal's is the default one) instead of moving the deal to the stage's pipeline.
      const current = typeof data.deal_pipeline_id === "number" ? store.pipelines.find((p) => p.id === data.deal_pipeline_id) : undefined;
      pipeline = current ?? pipeline;
    }
    if ((hasPipe || store.rules.stageInPipeline) && stage.deal_pipeline_id !== pipeline.id) {
      throw badRequest(`deal_stage_id: stage ${stageId} does not belong to pipeline ${pipeline.id}`);
    }
    if (!hasPipe) pipeline = store.pipelines.find((p) => p.id === stage.deal_pipeline_id) ?? pipeline;
  } else {
    const current = typeof data.deal_stage_id === "number" ? store.stage(data.deal_stage_id) : undefined;
    stageId = current && current.deal_pipeline_id === pipeline.id ? current.id : (pipeline.stages[0]?.id ?? 0);
  }
  const stage = store.stage(stageId);
  data.deal_pipeline_id = pipeline.id;
  if (data.deal_stage_id === stageId) return;
  data.deal_stage_id = stageId;
  data.stage_updated_time = ctx.now;
  if (body.probability === undefined && stage) data.probability = stage.probability;
  if (stage && stage.forecast_type !== "Open") data.closed_date = new Date(ctx.now).toISOString().slice(0, 10);
  else delete data.closed_date;
}
