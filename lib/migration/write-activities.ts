/** Tasks (calls, emails, notes per the routing), Freshsales notes and appointments, each on its record. */
import { createAppointment, createNote, createTask, hasMarker, listRecordNotes, listRecordTasks, updateAppointment, updateNote, updateTask } from "@/lib/connectors/freshsales/activities";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { fromWireRecord, unwrapList } from "@/lib/connectors/freshsales/wire";
import { cleanText } from "./field-values";
import { failed, marker, stagedData, type BatchContext } from "./batch-context";
import { activityLinks, activityVerdict } from "./activity-verdict";
import { record, type LedgerRow, type Outcome } from "./ledger";
import { writeIntents, type IntentWrite } from "./intent";

const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);
/** Appointments have no per-record list; the past and upcoming lists are searched for the marker. */
async function findAppointment(conn: FreshsalesConnection, mark: string): Promise<string | null> {
  for (const filter of ["past", "upcoming"]) {
    for (let page = 1; page < 1000; page++) {
      const { body } = await conn.request("GET", "appointments", { query: { filter, page, per_page: 100 } });
      const list = unwrapList(body, "appointments").flatMap((r) => fromWireRecord(r) ?? []);
      const hit = list.find((r) => hasMarker(r, mark));
      if (hit) return String(hit.id);
      if (list.length < 100) break;
    }
  }
  return null;
}

export async function writeActivities(ctx: BatchContext, rows: LedgerRow[]): Promise<boolean> {
  const work = rows.filter((r) => r.state === "pending" || r.state === "intent");
  if (work.length === 0) return true;
  const records = await stagedData(ctx.db, ctx.migrationId, "activities", work.map((r) => r.sourceId));
  const linked = await activityLinks(ctx, records.values());
  const attendeeIds = await attendeeContacts(ctx, [...records.values()]);
  const { routing } = ctx.settings.mapping;
  const writes: IntentWrite[] = [];
  const failures: Outcome[] = [];
  for (const row of work) {
    const r = records.get(row.sourceId);
    if (!r) continue;
    const verdict = activityVerdict(ctx, row.sourceId, row.target, r, linked);
    if (!verdict.ok) {
      failures.push(failed(row.sourceId, verdict.reason));
      continue;
    }
    const mark = marker(row.sourceId);
    const body = cleanText(String(r.body ?? ""));
    const subject = cleanText(String(r.subject ?? r.type ?? "Activity"));
    const t = verdict.target;
    if (verdict.kind === "notes") {
      const note = { description: `${body}\n\n${mark}`, targetableType: t.type, targetableId: t.id };
      writes.push({
        row,
        target: "notes",
        find: async () => (await listRecordNotes(ctx.conn, t.entity, t.id)).find((n) => hasMarker(n, mark))?.id.toString() ?? null,
        create: async () => String((await createNote(ctx.conn, note)).id),
        update: (id) => updateNote(ctx.conn, Number(id), note),
      });
    } else if (verdict.kind === "appointments") {
      const { from, to, ownerId } = verdict;
      const attendees = routing.activity.meeting.includeAttendees
        ? (Array.isArray(r.attendees) ? r.attendees : []).flatMap((a) => {
            const id = attendeeIds.get(String((a as Record<string, unknown>)?.email ?? "").toLowerCase());
            return id ? [{ type: "Contact" as const, id }] : [];
          })
        : [];
      const meeting = {
        title: subject, fromDate: from, endDate: to, location: str(r.location) ?? undefined, description: `${body}\n\n${mark}`,
        ownerId, targetableType: t.type, targetableId: t.id, attendees: [...new Map(attendees.map((a) => [a.id, a])).values()],
      };
      writes.push({
        row,
        target: "appointments",
        find: () => findAppointment(ctx.conn, mark),
        create: async () => String((await createAppointment(ctx.conn, meeting)).id),
        update: (id) => updateAppointment(ctx.conn, Number(id), meeting),
      });
    } else {
      const { due, ownerId, taskType, typeId } = verdict;
      const task = {
        title: typeId === undefined ? `[${taskType}] ${subject}` : subject,
        description: `${body}\n\n${mark}`, dueDate: due, ownerId, targetableType: t.type, targetableId: t.id, taskTypeId: typeId, completed: true,
      };
      writes.push({
        row,
        target: "tasks",
        find: async () => (await listRecordTasks(ctx.conn, t.entity, t.id)).find((x) => hasMarker(x, mark))?.id.toString() ?? null,
        create: async () => String((await createTask(ctx.conn, task)).id),
        update: (id) => updateTask(ctx.conn, Number(id), task),
      });
    }
  }
  await record(ctx.db, ctx.migrationId, "activities", ctx.runId, failures);
  return writeIntents(ctx, "activities", writes);
}

/**
 * Staged contacts by email (lower case) → their source ids, lowest first. Read once per worker
 * and run: a lookup per batch scanned every staged contact's record (quadratic in the run).
 */
const contactsByEmail = new Map<string, Promise<Map<string, string[]>>>();

function emailIndex(ctx: BatchContext): Promise<Map<string, string[]>> {
  let index = contactsByEmail.get(ctx.runId);
  if (!index) {
    if (contactsByEmail.size > 8) contactsByEmail.clear();
    index = ctx.db
      .$queryRawUnsafe<{ email: string; sourceId: string }[]>(
        `SELECT lower(data->>'email') AS email, "sourceId" FROM "StagedRecord"
          WHERE "migrationId" = $1 AND collection = 'contacts' AND coalesce(data->>'email', '') <> '' ORDER BY "sourceId"`,
        ctx.migrationId,
      )
      .then((rows) => {
        const map = new Map<string, string[]>();
        for (const r of rows) {
          const list = map.get(r.email);
          if (list) list.push(r.sourceId);
          else map.set(r.email, [r.sourceId]);
        }
        return map;
      });
    index.catch(() => contactsByEmail.delete(ctx.runId));
    contactsByEmail.set(ctx.runId, index);
  }
  return index;
}

/** Meeting attendees' emails → destination contact ids: the lowest source contact with the email that was written. */
async function attendeeContacts(ctx: BatchContext, records: Record<string, unknown>[]): Promise<Map<string, number>> {
  const emails = [...new Set(records.flatMap((r) => (Array.isArray(r.attendees) ? r.attendees : []).map((a) => String((a as Record<string, unknown>)?.email ?? "").toLowerCase()).filter(Boolean)))];
  if (emails.length === 0) return new Map();
  const index = await emailIndex(ctx);
  const candidates = emails.flatMap((e) => index.get(e) ?? []);
  const written = await ctx.db.$queryRawUnsafe<{ sourceId: string; destId: string }[]>(
    `SELECT "sourceId", "destId" FROM "LedgerEntry"
      WHERE "migrationId" = $1 AND "objectType" = 'contacts' AND "sourceId" = ANY($2::text[]) AND "destId" IS NOT NULL AND state = 'written'`,
    ctx.migrationId, candidates,
  );
  const dest = new Map(written.map((r) => [r.sourceId, Number(r.destId)]));
  const out = new Map<string, number>();
  for (const email of emails) {
    const first = (index.get(email) ?? []).find((id) => dest.has(id));
    if (first !== undefined) out.set(email, dest.get(first)!);
  }
  return out;
}
