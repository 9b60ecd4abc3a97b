import { badRequest, notFound } from "./api-error";
import { isoZ } from "./field-values";
import { paginate, parsePaging, sortRecords } from "./paging";
import { displayName, recordView } from "./record-view";
import { objectBody, ok, type Ctx, type Reply, type Router } from "./router";
import type { Store } from "./store";
import { SINGULAR, type Entity, type StoredRecord } from "./types";

const BY_SINGULAR: Record<string, Entity> = { contact: "contacts", sales_account: "sales_accounts", deal: "deals" };

type Getter = (r: StoredRecord) => unknown;

/** Resolves a filter/lookup attribute to a getter, or undefined when the entity lacks it. */
function attributeGetter(store: Store, entity: Entity, attr: string): Getter | undefined {
  if (attr === "contact_email.email" || attr === "email" || attr === "emails") {
    return entity === "contacts" ? (r) => (r.data.emails as string[] | undefined) ?? [] : undefined;
  }
  if (attr === "updated_at") return (r) => r.updatedAt;
  if (attr === "created_at") return (r) => r.createdAt;
  if (attr === "id") return (r) => r.id;
  if (attr === "name") return (r) => displayName(entity, r);
  if (attr === "mobile_number" && entity === "sales_accounts") return (r) => r.data.phone;
  if (attr.startsWith("cf_")) return store.field(entity, attr) ? (r) => r.cf?.[attr] : undefined;
  return store.field(entity, attr)?.system ? (r) => r.data[attr] : undefined;
}

const norm = (v: unknown): string => String(v).trim().toLowerCase();
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

function timeOf(v: unknown): number {
  if (typeof v === "number") return v;
  const t = Date.parse(String(v));
  if (Number.isNaN(t)) throw badRequest(`filter_rule: ${JSON.stringify(v)} is not a date or time`);
  return t;
}

function ruleMatcher(store: Store, entity: Entity, rule: unknown): (r: StoredRecord) => boolean {
  const { attribute, operator, value } = (rule ?? {}) as { attribute?: unknown; operator?: unknown; value?: unknown };
  if (typeof attribute !== "string") throw badRequest("filter_rule: attribute is required");
  const get = attributeGetter(store, entity, attribute);
  if (!get) throw badRequest(`filter_rule: unknown attribute ${attribute} for ${entity}`);
  const values = (r: StoredRecord): unknown[] => asList(get(r)).filter((x) => x !== undefined && x !== null);
  switch (operator) {
    case "is_in":
    case "is": {
      const wanted = new Set(asList(value).map(norm));
      return (r) => values(r).some((v) => wanted.has(norm(v)));
    }
    case "contains": {
      const needle = norm(value);
      return (r) => values(r).some((v) => norm(v).includes(needle));
    }
    case "is_after": {
      const t = timeOf(value);
      return (r) => values(r).some((v) => timeOf(v) > t);
    }
    case "is_before": {
      const t = timeOf(value);
      return (r) => values(r).some((v) => timeOf(v) < t);
    }
    default:
      throw badRequest(`filter_rule: unsupported operator ${String(operator)}`);
  }
}

/**
 * An `is_in` rule on an email or a unique custom field can use the indexes instead of a
 * scan (the product looks up batches by its source-id marker on large accounts).
 */
function indexedCandidates(store: Store, entity: Entity, rules: unknown[]): StoredRecord[] | undefined {
  for (const rule of rules) {
    const { attribute, operator, value } = (rule ?? {}) as { attribute?: unknown; operator?: unknown; value?: unknown };
    if (operator !== "is_in" || typeof attribute !== "string") continue;
    const isEmailRule = entity === "contacts" && attribute === "contact_email.email";
    const isUnique = attribute.startsWith("cf_") && store.field(entity, attribute)?.unique === true;
    if (!isEmailRule && !isUnique) continue;
    const ids = asList(value).map((v) => (isEmailRule ? store.emailIndex.get(norm(v)) : store.uniqueMap(entity, attribute).get(String(v))));
    const out = new Map<number, StoredRecord>();
    for (const id of ids) {
      const r = id === undefined ? undefined : store.records[entity].get(id);
      if (r) out.set(r.id, r);
    }
    return [...out.values()].sort((a, b) => a.id - b.id);
  }
  return undefined;
}

function filteredSearch(ctx: Ctx): Reply {
  const entity = BY_SINGULAR[ctx.params.entity ?? ""];
  if (!entity) throw notFound(`Entity ${ctx.params.entity ?? ""}`);
  const body = objectBody(ctx);
  const rules = body.filter_rule;
  if (!Array.isArray(rules) || rules.length === 0) throw badRequest("filter_rule must be a non-empty array");
  const store = ctx.core.store;
  const matchers = rules.map((rule) => ruleMatcher(store, entity, rule));
  const paging = parsePaging(body.page ?? ctx.query.get("page"), body.per_page ?? ctx.query.get("per_page"));
  const found: StoredRecord[] = [];
  const candidates = indexedCandidates(store, entity, rules);
  for (const r of candidates ?? store.records[entity].values()) if (matchers.every((m) => m(r))) found.push(r);
  const sort = (body.sort as string | undefined) ?? ctx.query.get("sort");
  const sortType = (body.sort_type as string | undefined) ?? ctx.query.get("sort_type");
  const { items, meta } = paginate(sortRecords(found, sort ?? null, sortType ?? null), paging);
  const records = items.map((r) => recordView(store, entity, r, { thin: true }));
  // The variant leaves `meta` out (§2.12 shows none): a client then pages until a short page.
  return ok(ctx.core.profile.search.filteredMeta ? { [entity]: records, meta } : { [entity]: records });
}

function lookup(ctx: Ctx): Reply {
  const q = ctx.query.get("q");
  const f = ctx.query.get("f");
  if (!q) throw badRequest("q is required");
  if (!f) throw badRequest("f is required (email, name, mobile_number or a custom field)");
  const requested = (ctx.query.get("entities") ?? "contact,sales_account,deal").split(",").map((s) => s.trim()).filter(Boolean);
  const store = ctx.core.store;
  const out: Record<string, unknown> = {};
  let known = false;
  for (const name of requested) {
    const entity = BY_SINGULAR[name];
    if (!entity) throw badRequest(`entities: unknown entity ${name}`);
    const get = attributeGetter(store, entity, f === "email" ? "contact_email.email" : f);
    const hits: StoredRecord[] = [];
    if (get) {
      known = true;
      const uniqueCf = f.startsWith("cf_") && store.field(entity, f)?.unique;
      if ((entity === "contacts" && f === "email") || uniqueCf) {
        // Indexed paths: emails and unique custom fields (the product's source-id marker).
        const id = uniqueCf ? store.uniqueMap(entity, f).get(q) : store.emailIndex.get(norm(q));
        const r = id === undefined ? undefined : store.records[entity].get(id);
        if (r) hits.push(r);
      } else {
        for (const r of store.records[entity].values()) if (asList(get(r)).some((v) => v !== undefined && v !== null && norm(v) === norm(q))) hits.push(r);
      }
    }
    const views = hits.map((r) => recordView(store, entity, r));
    // §2.12: doubly nested per MC's openapi (default); the variant nests once.
    out[entity] = ctx.core.profile.search.lookupNesting === "double" ? { [entity]: views } : views;
  }
  if (!known) throw badRequest(`f: ${f} is not a searchable field of ${requested.join(", ")}`);
  return ok(out);
}

function search(ctx: Ctx): Reply {
  const q = norm(ctx.query.get("q") ?? "");
  if (!q) throw badRequest("q is required");
  const include = (ctx.query.get("include") ?? "contact,sales_account,deal,user").split(",").map((s) => s.trim());
  const store = ctx.core.store;
  const results: Array<Record<string, unknown>> = [];
  const owner = (id: unknown): unknown => {
    const u = typeof id === "number" ? store.user(id) : undefined;
    return u ? { id: u.id, name: u.display_name } : null;
  };
  for (const name of include) {
    const entity = BY_SINGULAR[name];
    if (!entity) continue;
    for (const r of store.records[entity].values()) {
      if (results.length >= 25) break;
      const email = entity === "contacts" ? ((r.data.emails as string[] | undefined)?.[0] ?? null) : null;
      if (!norm(displayName(entity, r)).includes(q) && !(email && norm(email).includes(q))) continue;
      results.push({ id: r.id, type: SINGULAR[entity], name: displayName(entity, r), email, owner: owner(r.data.owner_id), updated_at: isoZ(r.updatedAt) });
    }
  }
  if (include.includes("user")) {
    for (const u of store.users) {
      if (norm(u.display_name).includes(q) || norm(u.email).includes(q)) results.push({ id: u.id, type: "user", name: u.display_name, email: u.email });
    }
  }
  return ok(results);
}

export function registerSearchRoutes(router: Router): void {
  router.add("GET", "/lookup", lookup);
  router.add("GET", "/search", search);
  router.add("POST", "/filtered_search/:entity", filteredSearch);
}
