import { isoZ, outputValue } from "./field-values";
import { pruneRefs } from "./record-refs";
import type { Store } from "./store";
import type { Entity, StoredRecord, User } from "./types";

type Json = Record<string, unknown>;

const CONTACT_KEYS = [
  "first_name", "last_name", "job_title", "work_number", "mobile_number", "address", "city", "state", "zipcode",
  "country", "time_zone", "facebook", "twitter", "linkedin", "external_id", "medium", "keyword", "owner_id",
  "territory_id", "lead_source_id", "campaign_id", "contact_status_id", "lifecycle_stage_id",
];
const ACCOUNT_KEYS = [
  "name", "website", "phone", "address", "city", "state", "zipcode", "country", "number_of_employees",
  "annual_revenue", "facebook", "twitter", "linkedin", "owner_id", "parent_sales_account_id", "industry_type_id",
  "business_type_id", "territory_id",
];
const DEAL_KEYS = [
  "name", "expected_close", "closed_date", "probability", "owner_id", "sales_account_id", "deal_pipeline_id",
  "deal_stage_id", "currency_id", "deal_reason_id", "deal_type_id", "deal_payment_status_id", "lead_source_id",
  "campaign_id", "territory_id",
];
const KEYS: Record<Entity, string[]> = { contacts: CONTACT_KEYS, sales_accounts: ACCOUNT_KEYS, deals: DEAL_KEYS };

export function money(n: unknown): string | null {
  if (typeof n !== "number") return null;
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

export function userView(u: User): Json {
  return { id: u.id, display_name: u.display_name, email: u.email, is_active: u.is_active, work_number: u.work_number, mobile_number: u.mobile_number };
}

function customView(store: Store, entity: Entity, r: StoredRecord): Json {
  const out: Json = {};
  for (const f of store.fields[entity]) {
    if (!f.system) out[f.name] = outputValue(f, r.cf?.[f.name]);
  }
  return out;
}

export function displayName(entity: Entity, r: StoredRecord): string {
  if (entity !== "contacts") return String(r.data.name ?? "");
  const name = [r.data.first_name, r.data.last_name].filter((x) => typeof x === "string" && x).join(" ");
  return name || ((r.data.emails as string[] | undefined)?.[0] ?? "");
}

export interface ViewOptions {
  /** Filtered-search records: no pipeline, stage or owner (doc §2.12). */
  thin?: boolean;
  /** Deal view lists omit owner_id/deal_reason_id unless included (doc §2.4). */
  includes?: Set<string>;
  list?: boolean;
}

export function recordView(store: Store, entity: Entity, r: StoredRecord, opts: ViewOptions = {}): Json {
  pruneRefs(store, entity, r);
  const out: Json = { id: r.id };
  for (const k of KEYS[entity]) out[k] = r.data[k] ?? null;
  if (entity === "contacts") {
    const emails = (r.data.emails as string[] | undefined) ?? [];
    out.display_name = displayName(entity, r);
    out.email = emails[0] ?? null;
    out.emails = emails.map((value, i) => ({ id: r.id * 10 + i, value, is_primary: i === 0, label: null }));
    const accounts = (r.data.sales_accounts as number[] | undefined) ?? [];
    out.sales_account_id = accounts[0] ?? null;
    out.lead_score = 0;
  }
  if (entity === "deals") {
    out.amount = money(r.data.amount);
    out.base_currency_amount = money(r.data.amount);
    out.stage_updated_time = typeof r.data.stage_updated_time === "number" ? isoZ(r.data.stage_updated_time) : null;
    out.age = Math.max(0, Math.floor((Date.now() - r.createdAt) / 86_400_000));
    out.contact_ids = (r.data.contacts as number[] | undefined) ?? [];
    if (opts.list && !opts.includes?.has("owner")) delete out.owner_id;
    if (opts.list && !opts.includes?.has("deal_reason")) delete out.deal_reason_id;
    if (opts.includes?.has("products")) out.products = dealProducts(store, r);
  }
  if (opts.thin) {
    delete out.owner_id;
    delete out.deal_pipeline_id;
    delete out.deal_stage_id;
  }
  out.tags = [];
  out.is_deleted = false;
  out.created_at = isoZ(r.createdAt);
  out.updated_at = isoZ(r.updatedAt);
  out.custom_field = customView(store, entity, r);
  const base = `/crm/sales/api/${entity}/${r.id}`;
  out.links = {
    notes: `${base}/notes`,
    tasks: `${base}/tasks`,
    appointments: `${base}/appointments`,
    document_associations: `${base}/document_associations`,
    conversations: `${base}/conversations/all`,
  };
  return out;
}

export function productView(r: StoredRecord): Json {
  return {
    id: r.id,
    name: r.data.name ?? null,
    description: r.data.description ?? null,
    display_name: r.data.display_name ?? r.data.name ?? null,
    product_code: r.data.product_code ?? null,
    sku_number: r.data.sku_number ?? null,
    category: r.data.category ?? null,
    unit_price: money(r.data.unit_price),
    product_pricings: r.data.product_pricings ?? [],
    owner_id: r.data.owner_id ?? null,
    is_active: r.data.is_active ?? true,
    is_deleted: false,
    created_at: isoZ(r.createdAt),
    updated_at: isoZ(r.updatedAt),
  };
}

function dealProducts(store: Store, r: StoredRecord): Json[] {
  const lines = (r.data.products as Array<[number, number, number | null]> | undefined) ?? [];
  return lines.map(([id, quantity, price]) => {
    const p = store.products.get(id);
    return {
      id,
      name: p?.data.name ?? null,
      quantity,
      unit_price: money(price ?? (p?.data.unit_price as number | undefined) ?? 0),
    };
  });
}

/** Sideloaded sibling arrays for `include=` (e.g. `users` next to `deal`). */
export function sideloads(store: Store, entity: Entity, records: StoredRecord[], includes: Set<string>): Json {
  const out: Json = {};
  for (const r of records) pruneRefs(store, entity, r);
  if (includes.has("owner")) {
    const ids = new Set(records.map((r) => r.data.owner_id).filter((x): x is number => typeof x === "number"));
    out.users = store.users.filter((u) => ids.has(u.id)).map(userView);
  }
  const accountIds = new Set<number>();
  if (includes.has("sales_accounts") || includes.has("sales_account")) {
    for (const r of records) {
      if (entity === "contacts") for (const id of (r.data.sales_accounts as number[] | undefined) ?? []) accountIds.add(id);
      if (entity === "deals" && typeof r.data.sales_account_id === "number") accountIds.add(r.data.sales_account_id);
    }
    out.sales_accounts = [...accountIds].flatMap((id) => {
      const a = store.records.sales_accounts.get(id);
      return a ? [{ ...recordView(store, "sales_accounts", a), is_primary: records.some((r) => ((r.data.sales_accounts as number[] | undefined) ?? [])[0] === id) }] : [];
    });
  }
  if (entity === "deals" && includes.has("contacts")) {
    const ids = new Set(records.flatMap((r) => (r.data.contacts as number[] | undefined) ?? []));
    out.contacts = [...ids].flatMap((id) => {
      const c = store.records.contacts.get(id);
      return c ? [recordView(store, "contacts", c)] : [];
    });
  }
  if (entity === "deals" && includes.has("deal_reason")) {
    const ids = new Set(records.map((r) => r.data.deal_reason_id));
    out.deal_reasons = store.selectors.deal_reasons.filter((x) => ids.has(x.id));
  }
  if (entity === "deals" && includes.has("products")) {
    out.products = records.flatMap((r) => dealProducts(store, r));
  }
  return out;
}

export function parseIncludes(value: string | null): Set<string> {
  return new Set((value ?? "").split(",").map((s) => s.trim()).filter(Boolean));
}
