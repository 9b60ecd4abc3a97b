import { badRequest, notFound } from "./api-error";
import { bodyWithIdentifier, findByIdentifier, parseIdentifier } from "./identifiers";
import { deleteRecord } from "./record-delete";
import { parseIncludes, recordView, sideloads, userView } from "./record-view";
import { writeRecord, type WriteContext } from "./record-writer";
import { createdAnswer, recordAnswer } from "./single-answers";
import { idParam, objectBody, ok, unwrap, type Ctx, type Reply, type Router } from "./router";
import { ENTITIES, SINGULAR, type Entity, type StoredRecord } from "./types";

const LABEL: Record<Entity, string> = { contacts: "Contact", sales_accounts: "Sales account", deals: "Deal" };

export function writeContext(ctx: Ctx): WriteContext {
  return { store: ctx.core.store, now: ctx.core.now(), actorId: ctx.user.id };
}

export function recordOr404(ctx: Ctx, entity: Entity): StoredRecord {
  const id = idParam(ctx);
  const r = ctx.core.store.records[entity].get(id);
  if (!r) throw notFound(`${LABEL[entity]} ${ctx.params.id ?? ""}`);
  return r;
}

/** A single-record answer: the record under its singular key plus sideloads (single-answers.ts shapes it). */
function single(ctx: Ctx, entity: Entity, r: StoredRecord, status = 200, created = false): Reply {
  const { store, profile } = ctx.core;
  const includes = parseIncludes(ctx.query.get("include"));
  const side = sideloads(store, entity, [r], includes);
  if (entity === "deals" && side.users === undefined) {
    // Deal answers always sideload their owner (doc §2.4: {"deal": {...}, "users": [...]}).
    const owner = typeof r.data.owner_id === "number" ? store.user(r.data.owner_id) : undefined;
    side.users = owner ? [userView(owner)] : [];
  }
  const view = recordView(store, entity, r, { includes });
  return created ? createdAnswer(profile, SINGULAR[entity], view, side, status) : recordAnswer(profile, SINGULAR[entity], view, side, status);
}

function upsert(ctx: Ctx, entity: Entity): Reply {
  const raw = objectBody(ctx);
  if (raw.unique_identifier === undefined) throw badRequest("unique_identifier is required");
  const ident = parseIdentifier(ctx.core.store, entity, raw.unique_identifier);
  const body = unwrap(ctx, SINGULAR[entity]);
  const { unique_identifier: _ignored, ...fields } = body;
  const found = findByIdentifier(ctx.core.store, entity, ident);
  if (found) return single(ctx, entity, writeRecord(writeContext(ctx), entity, fields, found), 200);
  const created = writeRecord(writeContext(ctx), entity, bodyWithIdentifier(ident, fields));
  return single(ctx, entity, created, 201);
}

function bulkDestroy(ctx: Ctx, entity: Entity): Reply {
  const body = objectBody(ctx);
  const ids = body.selected_ids;
  if (!Array.isArray(ids) || ids.length === 0) throw badRequest("selected_ids must be a non-empty array of ids");
  const { core } = ctx;
  if (core.profile.bulkDestroy === "async") {
    // §2.11: whether it runs asynchronously is unknown; here the records go a little later.
    const timer = setTimeout(() => {
      core.pendingTimers.delete(timer);
      for (const raw of ids) deleteRecord(core.store, entity, Number(raw));
    }, core.bulkJobDelayMs * 5);
    core.pendingTimers.add(timer);
    return ok({ message: `${ids.length} ${entity} will be deleted` }, 202);
  }
  let deleted = 0;
  for (const raw of ids) {
    if (deleteRecord(core.store, entity, Number(raw))) deleted++;
  }
  return ok({ message: `${deleted} ${entity} deleted` });
}

/** `POST /contacts/bulk_assign_owner` with `{owner_id, selected_ids}`; validated like a write. */
function bulkAssignOwner(ctx: Ctx, entity: Entity): Reply {
  const body = objectBody(ctx);
  const ids = body.selected_ids;
  if (!Array.isArray(ids) || ids.length === 0) throw badRequest("selected_ids must be a non-empty array of ids");
  const records = ids.map((raw) => ctx.core.store.records[entity].get(Number(raw)));
  const missing = ids.filter((_, i) => !records[i]);
  if (missing.length > 0) throw badRequest(`selected_ids: ${missing.join(", ")} not found`);
  const owner = ctx.core.store.user(Number(body.owner_id));
  if (!owner || !owner.is_active) throw badRequest(`owner_id: user ${String(body.owner_id)} does not exist or is not active`);
  for (const r of records) if (r) writeRecord(writeContext(ctx), entity, { owner_id: body.owner_id }, r);
  return ok({ message: `${records.length} ${entity} updated` });
}

export function registerCrmRoutes(router: Router): void {
  for (const entity of ENTITIES) {
    const key = SINGULAR[entity];
    router.add("POST", `/${entity}/bulk_assign_owner`, (ctx) => bulkAssignOwner(ctx, entity));
    router.add("DELETE", `/${entity}/:id/forget`, (ctx) => {
      deleteRecord(ctx.core.store, entity, recordOr404(ctx, entity).id);
      return { status: 204 };
    });
    router.add("POST", `/${entity}`, (ctx) => single(ctx, entity, writeRecord(writeContext(ctx), entity, unwrap(ctx, key)), 200, true));
    router.add("POST", `/${entity}/upsert`, (ctx) => upsert(ctx, entity));
    router.add("POST", `/${entity}/bulk_destroy`, (ctx) => bulkDestroy(ctx, entity));
    router.add("GET", `/${entity}/:id`, (ctx) => single(ctx, entity, recordOr404(ctx, entity)));
    router.add("PUT", `/${entity}/:id`, (ctx) => {
      const r = recordOr404(ctx, entity);
      return single(ctx, entity, writeRecord(writeContext(ctx), entity, unwrap(ctx, key), r));
    });
    router.add("DELETE", `/${entity}/:id`, (ctx) => {
      const r = recordOr404(ctx, entity);
      const withAssociated = entity === "sales_accounts" && ctx.query.get("delete_associated_contacts_deals") === "true";
      deleteRecord(ctx.core.store, entity, r.id, withAssociated);
      return { status: 204 };
    });
  }
}
