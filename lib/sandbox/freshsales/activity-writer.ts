import { ApiError, badRequest } from "./api-error";
import { checkValue, isEmpty, parseDateTime } from "./field-values";
import { attach } from "./record-refs";
import type { WriteContext } from "./record-writer";
import type { ActivityKind } from "./store";
import { TARGET_ENTITY, type StoredRecord, type TargetableType } from "./types";

type Data = Record<string, unknown>;

function collect(errors: string[], fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) errors.push(...e.messages);
    else throw e;
  }
}

/** targetable_type/targetable_id must name an existing Contact, SalesAccount or Deal (400 otherwise). */
function setTarget(ctx: WriteContext, body: Data, data: Data, required: boolean): void {
  const type = body.targetable_type;
  const nested = typeof body.targetable === "object" && body.targetable !== null ? (body.targetable as { id?: unknown }).id : undefined;
  const rawId = body.targetable_id ?? nested;
  if (type === undefined && rawId === undefined) {
    if (required && data.targetable_type === undefined) throw badRequest("targetable_type and targetable_id are required");
    return;
  }
  if (typeof type !== "string" || !(type in TARGET_ENTITY)) {
    throw badRequest(`targetable_type must be one of Contact, SalesAccount, Deal; got ${JSON.stringify(type)}`);
  }
  const id = Number(rawId);
  const entity = TARGET_ENTITY[type as TargetableType];
  if (!Number.isInteger(id) || !ctx.store.records[entity].has(id)) {
    throw badRequest(`targetable_id: ${type} ${String(rawId)} does not exist`);
  }
  data.targetable_type = type;
  data.targetable_id = id;
}

function setDate(body: Data, data: Data, name: string): void {
  if (body[name] === undefined) return;
  if (body[name] === null) {
    delete data[name];
    return;
  }
  const t = parseDateTime(body[name]);
  if (t === undefined) throw badRequest(`${name} must be an ISO 8601 datetime`);
  data[name] = t;
}

function setText(body: Data, data: Data, names: string[]): void {
  for (const n of names) {
    const v = body[n];
    if (v === undefined) continue;
    if (v === null || v === "") delete data[n];
    else if (typeof v !== "string") throw badRequest(`${n} must be a string`);
    else data[n] = v;
  }
}

function setUser(ctx: WriteContext, body: Data, data: Data, name: string): void {
  if (body[name] === undefined) return;
  const def = { id: 0, name, label: name, type: "dropdown" as const, required: false, system: true, unique: false, position: 0, choices: [], ref: "owner" as const };
  const v = checkValue(ctx.store, def, body[name]);
  if (v === null) delete data[name];
  else data[name] = v;
}

function setSelector(ctx: WriteContext, body: Data, data: Data, name: string, key: "task_types" | "sales_activity_outcomes" | "sales_activity_types"): void {
  if (body[name] === undefined || body[name] === null) return;
  const id = Number(body[name]);
  if (!ctx.store.selectors[key].some((x) => x.id === id)) throw badRequest(`${name}: ${String(body[name])} is not a valid ${key} id`);
  data[name] = id;
}

function requireAll(data: Data, names: string[], errors: string[]): void {
  for (const n of names) if (isEmpty(data[n])) errors.push(`${n} is required`);
}

/** Validates and writes a task, appointment, note, sales activity or phone call. */
export function writeActivity(ctx: WriteContext, kind: ActivityKind, body: Data, existing?: StoredRecord): StoredRecord {
  const errors: string[] = [];
  const data: Data = existing ? { ...existing.data } : {};
  const cf: Data = existing?.cf ? { ...existing.cf } : {};
  const run = (fn: () => void): void => collect(errors, fn);
  run(() => setTarget(ctx, body, data, kind === "note" || kind === "phone_call"));
  run(() => setUser(ctx, body, data, "owner_id"));
  if (kind === "task") {
    run(() => setText(body, data, ["title", "description"]));
    run(() => setDate(body, data, "due_date"));
    run(() => setSelector(ctx, body, data, "task_type_id", "task_types"));
    run(() => setSelector(ctx, body, data, "outcome_id", "sales_activity_outcomes"));
    if (body.status !== undefined) {
      if (body.status !== 0 && body.status !== 1 && body.status !== "0" && body.status !== "1") errors.push("status must be 0 (open) or 1 (completed)");
      else data.status = Number(body.status);
    }
    run(() => setAttendees(ctx, body, data, "task_users_attributes"));
    requireAll(data, ["title", "due_date"], errors);
  } else if (kind === "appointment") {
    run(() => setText(body, data, ["title", "description", "location", "time_zone"]));
    run(() => setDate(body, data, "from_date"));
    run(() => setDate(body, data, "end_date"));
    if (body.is_allday !== undefined) data.is_allday = body.is_allday === true || body.is_allday === "true";
    run(() => setAttendees(ctx, body, data, "appointment_attendees_attributes"));
    requireAll(data, ["title", "from_date", "end_date"], errors);
    if (typeof data.from_date === "number" && typeof data.end_date === "number" && data.end_date < data.from_date) {
      errors.push("end_date must not be before from_date");
    }
  } else if (kind === "note") {
    run(() => setText(body, data, ["description"]));
    requireAll(data, ["description"], errors);
  } else if (kind === "sales_activity") {
    writeSalesActivity(ctx, body, data, cf, errors);
  } else {
    if (body.call_direction !== undefined) data.call_direction = body.call_direction === true || body.call_direction === "true";
    run(() => setText(body, data, ["number", "recording"]));
    if (body.duration !== undefined) data.duration = Number(body.duration) || 0;
    const note = body.note as { description?: unknown } | undefined;
    if (note && typeof note.description === "string") data.note = note.description;
  }
  if (!existing && data.owner_id === undefined && kind !== "sales_activity") data.owner_id = ctx.actorId;
  if (errors.length > 0) throw new ApiError(400, errors);
  const record: StoredRecord = existing ?? { id: ctx.store.nextId(kind), createdAt: ctx.now, updatedAt: ctx.now, data, cf: undefined };
  record.data = data;
  record.cf = Object.keys(cf).length > 0 ? cf : undefined;
  record.updatedAt = ctx.now;
  ctx.store.activities[kind].set(record.id, record);
  if (typeof data.targetable_id === "number") attach(ctx.store, data.targetable_id, record.id);
  return record;
}

function setAttendees(ctx: WriteContext, body: Data, data: Data, name: string): void {
  const list = body[name];
  if (list === undefined) return;
  if (!Array.isArray(list)) throw badRequest(`${name} must be an array`);
  data[name] = list.map((raw: unknown) => {
    const a = (typeof raw === "object" && raw !== null ? raw : {}) as { user_id?: unknown; attendee_type?: unknown; attendee_id?: unknown };
    if (name === "task_users_attributes" || a.user_id !== undefined) {
      const id = Number(a.user_id);
      if (!ctx.store.user(id)) throw badRequest(`${name}: user ${String(a.user_id)} does not exist`);
      return { attendee_type: "FdMultitenant::User", attendee_id: id };
    }
    const id = Number(a.attendee_id);
    const ok = a.attendee_type === "Contact" ? ctx.store.records.contacts.has(id) : a.attendee_type === "FdMultitenant::User" ? Boolean(ctx.store.user(id)) : false;
    if (!ok) throw badRequest(`${name}: ${String(a.attendee_type)} ${String(a.attendee_id)} does not exist`);
    return { attendee_type: a.attendee_type, attendee_id: id };
  });
}

/** Sales activities follow `/settings/sales_activities/fields`, custom fields included. */
function writeSalesActivity(ctx: WriteContext, body: Data, data: Data, cf: Data, errors: string[]): void {
  const fields = ctx.store.fields.sales_activities;
  for (const f of fields) {
    if (f.ref === "special") continue;
    const v = f.system ? body[f.name] : ((body.custom_field as Data | undefined)?.[f.name] ?? body[f.name]);
    if (v === undefined) continue;
    collect(errors, () => {
      const out = checkValue(ctx.store, f, v);
      const target = f.system ? data : cf;
      if (out === null) delete target[f.name];
      else target[f.name] = out;
    });
  }
  const custom = (body.custom_field ?? {}) as Data;
  for (const name of Object.keys(custom)) {
    if (!fields.some((f) => f.name === name && !f.system)) errors.push(`custom_field: unknown custom field ${name}`);
  }
  for (const f of fields) {
    if (f.required && f.ref !== "special" && isEmpty(f.system ? data[f.name] : cf[f.name])) errors.push(`${f.name} is required`);
  }
  if (typeof data.start_date === "number" && typeof data.end_date === "number" && data.end_date < data.start_date) {
    errors.push("end_date must not be before start_date");
  }
}
