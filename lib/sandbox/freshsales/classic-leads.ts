import { ApiError, badRequest, notFound } from "./api-error";
import { writeContext } from "./crm-routes";
import { isEmail } from "./field-values";
import { paginate, parsePaging } from "./paging";
import type { WriteContext } from "./record-writer";
import { idParam, objectBody, ok, unwrap, type Ctx, type Reply, type Router } from "./router";
import type { StoredRecord } from "./types";

const TEXT = ["first_name", "last_name", "job_title", "work_number", "mobile_number", "address", "city", "state", "zipcode", "country", "time_zone"];
const VIEWS = [
  { id: 33_000_000_001, name: "All Leads", mine: false },
  { id: 33_000_000_002, name: "My Leads", mine: true },
];

/** Classic timestamps carry an offset (`+00:00`), not `Z` (doc §5). */
function classicTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

function writeLead(ctx: WriteContext, body: Record<string, unknown>, existing?: StoredRecord): StoredRecord {
  const errors: string[] = [];
  const data: Record<string, unknown> = existing ? { ...existing.data } : {};
  for (const k of TEXT) {
    const v = body[k];
    if (v === undefined) continue;
    if (v === null || v === "") delete data[k];
    else if (typeof v !== "string") errors.push(`${k} must be a string`);
    else data[k] = v;
  }
  if (body.email !== undefined) {
    if (body.email === null || body.email === "") delete data.email;
    else if (typeof body.email !== "string" || !isEmail(body.email)) errors.push("email must be a valid email address");
    else data.email = body.email;
  }
  if (body.company !== undefined) {
    const name = (body.company as { name?: unknown } | null)?.name;
    if (name !== undefined && typeof name !== "string") errors.push("company.name must be a string");
    else if (name) data.company = name;
  }
  if (body.owner_id !== undefined && body.owner_id !== null) {
    const u = ctx.store.user(Number(body.owner_id));
    if (!u || !u.is_active) errors.push(`owner_id: user ${String(body.owner_id)} does not exist or is not active`);
    else data.owner_id = u.id;
  }
  const cf = body.custom_field as Record<string, unknown> | undefined;
  const custom: Record<string, unknown> = { ...(existing?.cf ?? {}) };
  for (const [k, v] of Object.entries(cf ?? {})) {
    if (!k.startsWith("cf_")) errors.push(`custom_field: ${k} is not a custom field name`);
    else custom[k] = v;
  }
  if (!data.last_name && !data.email) errors.push("last_name or email is required");
  if (errors.length > 0) throw new ApiError(400, errors);
  if (!existing && data.owner_id === undefined) data.owner_id = ctx.actorId;
  const record: StoredRecord = existing ?? { id: ctx.store.nextId("lead"), createdAt: ctx.now, updatedAt: ctx.now, data, cf: undefined };
  record.data = data;
  record.cf = Object.keys(custom).length > 0 ? custom : undefined;
  record.updatedAt = ctx.now;
  ctx.store.leads.set(record.id, record);
  return record;
}

function leadView(r: StoredRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { id: r.id };
  for (const k of TEXT) out[k] = r.data[k] ?? null;
  out.display_name = [r.data.first_name, r.data.last_name].filter(Boolean).join(" ") || (r.data.email ?? "");
  out.email = r.data.email ?? null;
  out.company = r.data.company ? { name: r.data.company } : null;
  out.owner_id = r.data.owner_id ?? null;
  out.custom_field = r.cf ?? {};
  out.created_at = classicTime(r.createdAt);
  out.updated_at = classicTime(r.updatedAt);
  return out;
}

function leadOr404(ctx: Ctx): StoredRecord {
  const r = ctx.core.store.leads.get(idParam(ctx));
  if (!r) throw notFound(`Lead ${ctx.params.id ?? ""}`);
  return r;
}

function upsert(ctx: Ctx): Reply {
  const ident = objectBody(ctx).unique_identifier as Record<string, unknown> | undefined;
  const email = ident?.email ?? ident?.emails;
  if (typeof email !== "string") throw badRequest("unique_identifier.email is required");
  const body = unwrap(ctx, "lead");
  const found = [...ctx.core.store.leads.values()].find((l) => String(l.data.email ?? "").toLowerCase() === email.toLowerCase());
  const r = writeLead(writeContext(ctx), found ? body : { email, ...body }, found);
  return ok({ lead: leadView(r) }, found ? 200 : 201);
}

/** Freshsales Classic `/api/leads` (older accounts; served only with `classic: true`). */
export function registerClassicRoutes(router: Router): void {
  router.add("GET", "/leads/filters", () => ok({ filters: VIEWS.map((v) => ({ id: v.id, name: v.name, model_class_name: "Lead", is_default: !v.mine })) }));
  router.add("GET", "/leads/view/:view_id", (ctx) => {
    const v = VIEWS.find((x) => String(x.id) === ctx.params.view_id);
    if (!v) throw notFound(`View ${ctx.params.view_id ?? ""}`);
    const all = [...ctx.core.store.leads.values()].filter((l) => !v.mine || l.data.owner_id === ctx.user.id);
    const { items, meta } = paginate(all, parsePaging(ctx.query.get("page"), ctx.query.get("per_page")));
    return ok({ leads: items.map(leadView), meta });
  });
  router.add("POST", "/leads/upsert", upsert);
  router.add("POST", "/leads", (ctx) => ok({ lead: leadView(writeLead(writeContext(ctx), unwrap(ctx, "lead"))) }));
  router.add("GET", "/leads/:id", (ctx) => ok({ lead: leadView(leadOr404(ctx)) }));
  router.add("PUT", "/leads/:id", (ctx) => ok({ lead: leadView(writeLead(writeContext(ctx), unwrap(ctx, "lead"), leadOr404(ctx))) }));
  router.add("DELETE", "/leads/:id", (ctx) => {
    ctx.core.store.leads.delete(leadOr404(ctx).id);
    return { status: 204 };
  });
}
