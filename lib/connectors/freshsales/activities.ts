import type { FreshsalesConnection } from "./connection";
import { FreshsalesNotFoundError } from "./errors";
import { createdRecord } from "./record-writes";
import { asObject, FS_ENTITIES, fromWireRecord, unwrapList, type FsEntity, type FsRecord, type FsTargetableType } from "./wire";

/**
 * Tasks, appointments and notes have no upsert: each create is sent once (never repeated after
 * an ambiguous failure) and the ledger's intent row plus a marker in the text resolve crashes.
 */
export interface TaskInput {
  title: string;
  description?: string;
  /** ISO timestamp; required by Freshsales. */
  dueDate: string;
  ownerId?: number;
  targetableType: FsTargetableType;
  targetableId: number;
  taskTypeId?: number;
  completed?: boolean;
}

export interface AppointmentInput {
  title: string;
  fromDate: string;
  endDate: string;
  timeZone?: string;
  location?: string;
  description?: string;
  isAllDay?: boolean;
  ownerId?: number;
  targetableType?: FsTargetableType;
  targetableId?: number;
  attendees?: { type: "Contact" | "User"; id: number }[];
}

export interface NoteInput {
  description: string;
  targetableType: FsTargetableType;
  targetableId: number;
}

async function create(conn: FreshsalesConnection, plural: string, root: string, body: Record<string, unknown>): Promise<FsRecord> {
  const res = await conn.request("POST", plural, { json: { [root]: body } });
  return createdRecord(res.body, root, plural);
}

async function update(conn: FreshsalesConnection, plural: string, root: string, id: number, body: Record<string, unknown>): Promise<void> {
  await conn.request("PUT", `${plural}/${id}`, { json: { [root]: body } });
}

export function createTask(conn: FreshsalesConnection, input: TaskInput): Promise<FsRecord> {
  return create(conn, "tasks", "task", taskBody(input));
}

/** Replaces a task's values (the body a create sends, so the two cannot drift apart). */
export function updateTask(conn: FreshsalesConnection, id: number, input: TaskInput): Promise<void> {
  return update(conn, "tasks", "task", id, taskBody(input));
}

function taskBody(input: TaskInput): Record<string, unknown> {
  return {
    title: input.title,
    description: input.description,
    due_date: input.dueDate,
    owner_id: input.ownerId,
    targetable_type: input.targetableType,
    targetable_id: input.targetableId,
    task_type_id: input.taskTypeId,
    status: input.completed ? 1 : 0,
  };
}

export function createAppointment(conn: FreshsalesConnection, input: AppointmentInput): Promise<FsRecord> {
  return create(conn, "appointments", "appointment", appointmentBody(input));
}

export function updateAppointment(conn: FreshsalesConnection, id: number, input: AppointmentInput): Promise<void> {
  return update(conn, "appointments", "appointment", id, appointmentBody(input));
}

function appointmentBody(input: AppointmentInput): Record<string, unknown> {
  return {
    title: input.title,
    from_date: input.fromDate,
    end_date: input.endDate,
    time_zone: input.timeZone,
    location: input.location,
    description: input.description,
    is_allday: input.isAllDay ?? false,
    owner_id: input.ownerId,
    targetable_type: input.targetableType,
    targetable_id: input.targetableId,
    appointment_attendees_attributes: input.attendees?.map((a) => ({
      attendee_type: a.type === "User" ? "FdMultitenant::User" : "Contact",
      attendee_id: a.id,
    })),
  };
}

export function createNote(conn: FreshsalesConnection, input: NoteInput): Promise<FsRecord> {
  return create(conn, "notes", "note", { description: input.description, targetable_type: input.targetableType, targetable_id: input.targetableId });
}

export function updateNote(conn: FreshsalesConnection, id: number, input: NoteInput): Promise<void> {
  return update(conn, "notes", "note", id, { description: input.description, targetable_type: input.targetableType, targetable_id: input.targetableId });
}

export type ActivityKind = "tasks" | "appointments" | "notes";

/** Deletes a task, appointment or note (rollback); false when already gone. */
export async function deleteActivity(conn: FreshsalesConnection, kind: ActivityKind, id: number): Promise<boolean> {
  try {
    await conn.request("DELETE", `${kind}/${id}`);
    return true;
  } catch (error) {
    if (error instanceof FreshsalesNotFoundError) return false;
    throw error;
  }
}

function toRecords(list: unknown[]): FsRecord[] {
  return list.flatMap((raw) => fromWireRecord(raw) ?? []);
}

/** Notes on one record (`GET /<entity>/:id/notes`). */
export async function listRecordNotes(conn: FreshsalesConnection, entity: FsEntity, id: number): Promise<FsRecord[]> {
  const { body } = await conn.request("GET", `${FS_ENTITIES[entity].plural}/${id}/notes`);
  return toRecords(unwrapList(body, "notes"));
}

/**
 * Tasks on one record. `GET /<entity>/:id/tasks` where the account answers it; otherwise the
 * open and completed task lists filtered by target (slower, but only crash recovery needs it).
 */
export async function listRecordTasks(conn: FreshsalesConnection, entity: FsEntity, id: number): Promise<FsRecord[]> {
  try {
    const { body } = await conn.request("GET", `${FS_ENTITIES[entity].plural}/${id}/tasks`);
    return toRecords(unwrapList(body, "tasks"));
  } catch (error) {
    if (!(error instanceof FreshsalesNotFoundError)) throw error;
  }
  const wanted = FS_ENTITIES[entity].targetable;
  const found: FsRecord[] = [];
  for (const filter of ["open", "completed"]) {
    for (let page = 1; ; page++) {
      const { body } = await conn.request("GET", "tasks", { query: { filter, page, per_page: 100 } });
      const tasks = toRecords(unwrapList(body, "tasks"));
      found.push(...tasks.filter((t) => t.fields.targetable_type === wanted && Number(t.fields.targetable_id) === id));
      const meta = asObject(asObject(body)?.meta);
      const totalPages = typeof meta?.total_pages === "number" ? meta.total_pages : page;
      if (tasks.length === 0 || page >= totalPages) break;
    }
  }
  return found;
}

/** Whether any text field of `record` carries the source-id marker (e.g. `[vp:act_42]`). */
export function hasMarker(record: FsRecord, marker: string): boolean {
  return Object.values(record.fields).some((v) => typeof v === "string" && v.includes(marker));
}
