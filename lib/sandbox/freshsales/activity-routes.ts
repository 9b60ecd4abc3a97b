import { badRequest, notFound } from "./api-error";
import { writeActivity } from "./activity-writer";
import { recordOr404, writeContext } from "./crm-routes";
import { attachedTo } from "./record-refs";
import { isoZ } from "./field-values";
import { paginate, parsePaging } from "./paging";
import { displayName, parseIncludes, userView } from "./record-view";
import { idParam, ok, unwrap, type Ctx, type Reply, type Router } from "./router";
import { createdAnswer, recordAnswer } from "./single-answers";
import type { ActivityKind, Store } from "./store";
import { ENTITIES, TARGET_ENTITY, type StoredRecord, type TargetableType } from "./types";

const PLURAL: Record<ActivityKind, string> = {
  task: "tasks",
  appointment: "appointments",
  note: "notes",
  sales_activity: "sales_activities",
  phone_call: "phone_calls",
};
const DATES = new Set(["due_date", "from_date", "end_date", "start_date"]);
const DAY = 86_400_000;

export function activityView(store: Store, kind: ActivityKind, r: StoredRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { id: r.id };
  for (const [k, v] of Object.entries(r.data)) out[k] = DATES.has(k) && typeof v === "number" ? isoZ(v) : v;
  if (kind === "phone_call") out.note = r.data.note === undefined ? null : { description: r.data.note };
  if (kind === "task") out.status = r.data.status ?? 0;
  if (kind === "sales_activity") {
    const custom: Record<string, unknown> = {};
    for (const f of store.fields.sales_activities) if (!f.system) custom[f.name] = r.cf?.[f.name] ?? null;
    out.custom_field = custom;
  }
  out.creater_id = r.data.owner_id ?? null;
  out.created_at = isoZ(r.createdAt);
  out.updated_at = isoZ(r.updatedAt);
  return out;
}

function includesFor(store: Store, records: StoredRecord[], includeParam: string | null): Record<string, unknown> {
  const includes = parseIncludes(includeParam);
  const out: Record<string, unknown> = {};
  if (includes.has("owner") || includes.has("users") || includes.has("creater")) {
    const ids = new Set<number>();
    for (const r of records) {
      if (typeof r.data.owner_id === "number") ids.add(r.data.owner_id);
      for (const a of (r.data.task_users_attributes as Array<{ attendee_id: number }> | undefined) ?? []) ids.add(a.attendee_id);
    }
    out.users = store.users.filter((u) => ids.has(u.id)).map(userView);
  }
  if (includes.has("targetable")) {
    out.targetables = records.flatMap((r) => {
      const type = r.data.targetable_type as TargetableType | undefined;
      const t = type ? store.records[TARGET_ENTITY[type]].get(r.data.targetable_id as number) : undefined;
      return t && type ? [{ id: t.id, type, name: displayName(TARGET_ENTITY[type], t) }] : [];
    });
  }
  return out;
}

function taskFilter(filter: string | null, now: number): (r: StoredRecord) => boolean {
  const open = (r: StoredRecord): boolean => r.data.status !== 1;
  const due = (r: StoredRecord): number => (r.data.due_date as number | undefined) ?? Number.POSITIVE_INFINITY;
  const today = Math.floor(now / DAY) * DAY;
  switch (filter) {
    case "open":
      return open;
    case "completed":
      return (r) => r.data.status === 1;
    case "overdue":
      return (r) => open(r) && due(r) < now;
    case "due today":
      return (r) => open(r) && due(r) >= today && due(r) < today + DAY;
    case "due tomorrow":
      return (r) => open(r) && due(r) >= today + DAY && due(r) < today + 2 * DAY;
    case null:
      throw badRequest("filter is required: open, due today, due tomorrow, overdue or completed");
    default:
      throw badRequest(`filter ${JSON.stringify(filter)} is not one of open, due today, due tomorrow, overdue, completed`);
  }
}

function appointmentFilter(filter: string | null, now: number): (r: StoredRecord) => boolean {
  if (filter === null) return () => true;
  if (filter === "past") return (r) => (r.data.end_date as number) < now;
  if (filter === "upcoming") return (r) => (r.data.end_date as number) >= now;
  throw badRequest(`filter ${JSON.stringify(filter)} is not one of past, upcoming`);
}

function list(ctx: Ctx, kind: ActivityKind, keep: (r: StoredRecord) => boolean, pool?: StoredRecord[]): Reply {
  const store = ctx.core.store;
  const paging = parsePaging(ctx.query.get("page"), ctx.query.get("per_page"));
  const matched = (pool ?? [...store.activities[kind].values()]).filter(keep);
  const { items, meta } = paginate(matched, paging);
  return ok({ [PLURAL[kind]]: items.map((r) => activityView(store, kind, r)), ...includesFor(store, items, ctx.query.get("include")), meta });
}

function activityOr404(ctx: Ctx, kind: ActivityKind): StoredRecord {
  const r = ctx.core.store.activities[kind].get(idParam(ctx));
  if (!r) throw notFound(`${kind.replace("_", " ")} ${ctx.params.id ?? ""}`);
  return r;
}

function crud(router: Router, kind: ActivityKind, createStatus: number, withRead: boolean): void {
  const path = `/${PLURAL[kind]}`;
  router.add("POST", path, (ctx) => {
    const r = writeActivity(writeContext(ctx), kind, unwrap(ctx, kind));
    return createdAnswer(ctx.core.profile, kind, activityView(ctx.core.store, kind, r), {}, createStatus);
  });
  if (withRead) {
    router.add("GET", `${path}/:id`, (ctx) => {
      const r = activityOr404(ctx, kind);
      return recordAnswer(ctx.core.profile, kind, activityView(ctx.core.store, kind, r), includesFor(ctx.core.store, [r], ctx.query.get("include")));
    });
  }
  router.add("PUT", `${path}/:id`, (ctx) => {
    const r = writeActivity(writeContext(ctx), kind, unwrap(ctx, kind), activityOr404(ctx, kind));
    return ok({ [kind]: activityView(ctx.core.store, kind, r) });
  });
  router.add("DELETE", `${path}/:id`, (ctx) => {
    ctx.core.store.activities[kind].delete(activityOr404(ctx, kind).id);
    return { status: 204 };
  });
}

export function registerActivityRoutes(router: Router): void {
  router.add("GET", "/tasks", (ctx) => list(ctx, "task", taskFilter(ctx.query.get("filter"), ctx.core.now())));
  router.add("GET", "/appointments", (ctx) => list(ctx, "appointment", appointmentFilter(ctx.query.get("filter"), ctx.core.now())));
  router.add("GET", "/sales_activities", (ctx) => list(ctx, "sales_activity", () => true));
  crud(router, "task", 201, true);
  crud(router, "appointment", 200, true);
  crud(router, "sales_activity", 200, true);
  crud(router, "note", 200, false);
  router.add("POST", "/phone_calls", (ctx) => {
    const r = writeActivity(writeContext(ctx), "phone_call", unwrap(ctx, "phone_call"));
    return createdAnswer(ctx.core.profile, "phone_call", activityView(ctx.core.store, "phone_call", r));
  });
  const typeOf = { contacts: "Contact", sales_accounts: "SalesAccount", deals: "Deal" } as const;
  for (const entity of ENTITIES) {
    // The activity stream pages by has_next/has_previous, not totals (doc §2.5).
    router.add("GET", `/${entity}/:id/activities`, (ctx) => {
      const target = recordOr404(ctx, entity);
      const store = ctx.core.store;
      const paging = parsePaging(ctx.query.get("page"), ctx.query.get("per_page"));
      const all = attachedTo(store, target.id).flatMap(({ kind, id }) => {
        if (kind === "document") return [];
        const r = store.activities[kind].get(id);
        return r ? [{ ...activityView(store, kind, r), activity_type: kind }] : [];
      });
      const { items } = paginate(all, paging);
      return ok({ activities: items, meta: { has_next: paging.page * paging.perPage < all.length, has_previous: paging.page > 1 } });
    });
    router.add("GET", `/${entity}/:id/notes`, (ctx) => {
      const target = recordOr404(ctx, entity);
      const store = ctx.core.store;
      const pool = attachedTo(store, target.id).flatMap((a) => (a.kind === "note" ? [store.activities.note.get(a.id) as StoredRecord] : []));
      return list(ctx, "note", (n) => n.data.targetable_type === typeOf[entity], pool);
    });
  }
}
