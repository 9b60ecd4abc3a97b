import { isoZ } from "./field-values";
import { notFound } from "./api-error";
import { paginate, parsePaging, sortRecords } from "./paging";
import { parseIncludes, recordView, sideloads } from "./record-view";
import { ok, type Ctx, type Reply, type Router } from "./router";
import type { Store } from "./store";
import { ENTITIES, type Entity, type StoredRecord } from "./types";

interface View {
  id: number;
  name: string;
  isDefault: boolean;
  matches: (store: Store, r: StoredRecord, userId: number) => boolean;
}

const stageType = (store: Store, r: StoredRecord): string =>
  (typeof r.data.deal_stage_id === "number" ? store.stage(r.data.deal_stage_id)?.forecast_type : undefined) ?? "Open";

/**
 * Default views of a fresh account. There is no "All Deals" (doc §2.13): a client lists all
 * deals as the union of Open, Won and Lost. Deleted records are gone, so the Recycle Bin
 * view is always empty.
 */
const VIEWS: Record<Entity, View[]> = {
  contacts: [
    { id: 32_000_000_001, name: "All Contacts", isDefault: true, matches: () => true },
    { id: 32_000_000_002, name: "My Contacts", isDefault: false, matches: (_s, r, u) => r.data.owner_id === u },
  ],
  sales_accounts: [
    { id: 32_000_000_011, name: "All Accounts", isDefault: true, matches: () => true },
    { id: 32_000_000_012, name: "My Accounts", isDefault: false, matches: (_s, r, u) => r.data.owner_id === u },
  ],
  deals: [
    { id: 32_000_000_021, name: "My Deals", isDefault: true, matches: (_s, r, u) => r.data.owner_id === u },
    { id: 32_000_000_022, name: "Open Deals", isDefault: false, matches: (s, r) => stageType(s, r) === "Open" },
    { id: 32_000_000_023, name: "Won Deals", isDefault: false, matches: (s, r) => stageType(s, r) === "Won" },
    { id: 32_000_000_024, name: "Lost Deals", isDefault: false, matches: (s, r) => stageType(s, r) === "Lost" },
    { id: 32_000_000_025, name: "Recycle Bin", isDefault: false, matches: () => false },
  ],
};

const MODEL_CLASS: Record<Entity, string> = { contacts: "Contact", sales_accounts: "SalesAccount", deals: "Deal" };

function filters(ctx: Ctx, entity: Entity): Reply {
  const admin = ctx.core.store.users[0];
  return ok({
    filters: VIEWS[entity].map((v) => ({
      id: v.id,
      name: v.name,
      model_class_name: MODEL_CLASS[entity],
      user_id: admin?.id ?? null,
      is_default: v.isDefault,
      updated_at: isoZ(Date.UTC(2024, 0, 1)),
      user_name: admin?.display_name ?? null,
      current_user_permissions: ["read", "update", "delete"],
    })),
  });
}

function view(ctx: Ctx, entity: Entity): Reply {
  const viewId = Number(ctx.params.view_id);
  const v = VIEWS[entity].find((x) => x.id === viewId);
  if (!v) throw notFound(`View ${ctx.params.view_id ?? ""}`);
  const paging = parsePaging(ctx.query.get("page"), ctx.query.get("per_page"));
  const { store } = ctx.core;
  const userId = ctx.user.id;
  const sort = ctx.query.get("sort");
  let items: StoredRecord[];
  let meta: { total: number; total_pages: number };
  if (sort) {
    const matched: StoredRecord[] = [];
    for (const r of store.records[entity].values()) if (v.matches(store, r, userId)) matched.push(r);
    ({ items, meta } = paginate(sortRecords(matched, sort, ctx.query.get("sort_type")), paging));
  } else {
    // Id order needs no sort: keep only the page while counting (cheap on a million records).
    const start = (paging.page - 1) * paging.perPage;
    items = [];
    let total = 0;
    for (const r of store.records[entity].values()) {
      if (!v.matches(store, r, userId)) continue;
      if (total >= start && items.length < paging.perPage) items.push(r);
      total++;
    }
    meta = { total, total_pages: Math.ceil(total / paging.perPage) };
  }
  const includes = parseIncludes(ctx.query.get("include"));
  return ok({
    [entity]: items.map((r) => recordView(store, entity, r, { list: true, includes })),
    ...sideloads(store, entity, items, includes),
    meta,
  });
}

export function registerViewRoutes(router: Router): void {
  for (const entity of ENTITIES) {
    router.add("GET", `/${entity}/filters`, (ctx) => filters(ctx, entity));
    router.add("GET", `/${entity}/view/:view_id`, (ctx) => view(ctx, entity));
  }
}
