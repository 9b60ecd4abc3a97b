import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "./manual-clock";
import { startFreshsalesEmulator, type FreshsalesEmulator } from "./server";
import { client, errorText } from "./test-client";

const NOW = Date.UTC(2026, 5, 15, 12, 0, 0);
let emu: FreshsalesEmulator;
let call: ReturnType<typeof client>;
let contactId: number;
let dealId: number;

beforeAll(async () => {
  emu = await startFreshsalesEmulator({ rateLimit: false, clock: new ManualClock(1, NOW) });
  call = client(emu);
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.admin.reset();
  const ids = emu.admin.load({ records: { contacts: [{ email: "t@example.com" }], deals: [{ name: "Deal" }] } }).ids;
  contactId = ids.contacts[0] as number;
  dealId = ids.deals[0] as number;
});

type Obj = Record<string, unknown> & { id: number };

describe("tasks", () => {
  it("creates with 201, needs title and due_date, and validates the target", async () => {
    const res = await call<{ task: Obj }>("POST", "/tasks", { task: { title: "Call back", due_date: "2026-06-15T18:00:00Z", targetable_type: "Contact", targetable_id: contactId } });
    expect(res.status).toBe(201);
    expect(res.body.task).toMatchObject({ title: "Call back", due_date: "2026-06-15T18:00:00Z", status: 0, targetable_id: contactId });
    const missing = await call("POST", "/tasks", { task: { description: "x" } });
    expect(missing.status).toBe(400);
    expect(errorText(missing.body)).toMatch(/title.*due_date|due_date.*title/);
    const badTarget = await call("POST", "/tasks", { task: { title: "x", due_date: "2026-06-15T18:00:00Z", targetable_type: "Contact", targetable_id: 5 } });
    expect(badTarget.status).toBe(400);
    expect(errorText(badTarget.body)).toContain("targetable_id");
    const badType = await call("POST", "/tasks", { task: { title: "x", due_date: "2026-06-15T18:00:00Z", targetable_type: "Lead", targetable_id: contactId } });
    expect(errorText(badType.body)).toContain("targetable_type");
  });

  it("lists only with a filter and applies it on the emulator's clock", async () => {
    const mk = async (title: string, due: string, status?: number) =>
      (await call<{ task: Obj }>("POST", "/tasks", { title, due_date: due, status, targetable_type: "Deal", targetable_id: dealId })).body.task.id;
    await mk("late", "2026-06-14T09:00:00Z");
    await mk("today", "2026-06-15T20:00:00Z");
    await mk("tomorrow", "2026-06-16T09:00:00Z");
    const done = await mk("done", "2026-06-10T09:00:00Z", 1);
    expect((await call("GET", "/tasks")).status).toBe(400);
    const titles = async (filter: string) =>
      (await call<{ tasks: Array<{ title: string }> }>("GET", `/tasks?filter=${encodeURIComponent(filter)}`)).body.tasks.map((t) => t.title).sort();
    expect(await titles("open")).toEqual(["late", "today", "tomorrow"]);
    expect(await titles("overdue")).toEqual(["late"]);
    expect(await titles("due today")).toEqual(["today"]);
    expect(await titles("due tomorrow")).toEqual(["tomorrow"]);
    expect(await titles("completed")).toEqual(["done"]);
    const put = await call<{ task: Obj }>("PUT", `/tasks/${done}`, { task: { status: 0 } });
    expect(put.body.task.status).toBe(0);
    expect((await call("GET", `/tasks/${done}`)).status).toBe(200);
    expect((await call("DELETE", `/tasks/${done}`)).status).toBe(204);
    expect((await call("GET", `/tasks/${done}`)).status).toBe(404);
  });
});

describe("appointments, notes, sales activities, phone calls", () => {
  it("creates appointments with attendees and rejects missing attendees", async () => {
    const owner = (await call<{ users: Obj[] }>("GET", "/selector/owners")).body.users[0]?.id;
    const body = {
      title: "Visit", from_date: "2026-06-20T10:00:00Z", end_date: "2026-06-20T11:00:00Z", targetable_type: "Contact", targetable_id: contactId,
      appointment_attendees_attributes: [{ attendee_type: "Contact", attendee_id: contactId }, { attendee_type: "FdMultitenant::User", attendee_id: owner }],
    };
    const res = await call<{ appointment: Obj }>("POST", "/appointments", { appointment: body });
    expect(res.status).toBe(200);
    expect(res.body.appointment.appointment_attendees_attributes).toHaveLength(2);
    const bad = await call("POST", "/appointments", { appointment: { ...body, appointment_attendees_attributes: [{ attendee_type: "Contact", attendee_id: 1 }] } });
    expect(bad.status).toBe(400);
    const upcoming = await call<{ appointments: Obj[] }>("GET", "/appointments?filter=upcoming");
    expect(upcoming.body.appointments).toHaveLength(1);
    expect((await call<{ appointments: Obj[] }>("GET", "/appointments?filter=past")).body.appointments).toHaveLength(0);
  });

  it("creates notes with 200, lists them per record, updates and deletes them", async () => {
    const res = await call<{ note: Obj }>("POST", "/notes", { note: { description: "Met at fair", targetable_type: "Deal", targetable_id: dealId } });
    expect(res.status).toBe(200);
    const list = await call<{ notes: Obj[]; meta: { total: number } }>("GET", `/deals/${dealId}/notes`);
    expect(list.body.notes.map((n) => n.description)).toEqual(["Met at fair"]);
    expect(list.body.meta.total).toBe(1);
    expect((await call<{ notes: Obj[] }>("GET", `/contacts/${contactId}/notes`)).body.notes).toHaveLength(0);
    const put = await call<{ note: Obj }>("PUT", `/notes/${res.body.note.id}`, { note: { description: "Edited" } });
    expect(put.body.note.description).toBe("Edited");
    expect((await call("DELETE", `/notes/${res.body.note.id}`)).status).toBe(204);
    expect((await call("POST", "/notes", { note: { description: "orphan" } })).status).toBe(400);
    expect((await call("POST", "/notes", { note: { description: "x", targetable_type: "Deal", targetable_id: 1 } })).status).toBe(400);
    expect((await call("GET", "/deals/1/notes")).status).toBe(404);
  });

  it("validates sales activities against their field metadata", async () => {
    const type = (await call<{ sales_activity_types: Obj[] }>("GET", "/selector/sales_activity_types")).body.sales_activity_types[0]?.id;
    const owner = (await call<{ users: Obj[] }>("GET", "/selector/owners")).body.users[0]?.id;
    const missing = await call("POST", "/sales_activities", { sales_activity: { title: "x" } });
    expect(missing.status).toBe(400);
    expect(errorText(missing.body)).toContain("owner_id");
    const ok = await call<{ sales_activity: Obj }>("POST", "/sales_activities", {
      sales_activity: { title: "Chat", sales_activity_type_id: type, owner_id: owner, start_date: "2026-06-01T10:00:00Z", end_date: "2026-06-01T10:30:00Z", targetable_type: "Contact", targetable_id: contactId },
    });
    expect(ok.status).toBe(200);
    const list = await call<{ sales_activities: Obj[]; meta: { total: number; total_pages: number } }>("GET", "/sales_activities?page=1");
    expect(list.body.meta).toEqual({ total: 1, total_pages: 1 });
  });

  it("reads, updates and deletes appointments and sales activities, with custom fields", async () => {
    emu.admin.addField({ entity: "sales_activities", label: "Channel", type: "dropdown", name: "cf_channel", choices: ["Clinic", "Video"] });
    const fields = (await call<{ fields: Array<{ name: string }> }>("GET", "/settings/sales_activities/fields")).body.fields.map((f) => f.name);
    expect(fields).toContain("cf_channel");
    const type = (await call<{ sales_activity_types: Obj[] }>("GET", "/selector/sales_activity_types")).body.sales_activity_types[0]?.id;
    const outcomes = await call<{ sales_activity_outcomes: Obj[] }>("GET", `/selector/sales_activity_types/${type}/sales_activity_outcomes`);
    expect(outcomes.body.sales_activity_outcomes.length).toBeGreaterThan(0);
    const owner = (await call<{ users: Obj[] }>("GET", "/selector/owners")).body.users[0]?.id;
    const base = { title: "Consult", sales_activity_type_id: type, owner_id: owner, start_date: "2026-06-01T10:00:00Z", end_date: "2026-06-01T10:30:00Z" };
    const bad = await call("POST", "/sales_activities", { sales_activity: { ...base, custom_field: { cf_channel: "Phone" } } });
    expect(errorText(bad.body)).toContain("cf_channel");
    const sa = (await call<{ sales_activity: Obj }>("POST", "/sales_activities", { sales_activity: { ...base, custom_field: { cf_channel: "Video" } } })).body.sales_activity;
    expect(sa.custom_field).toEqual({ cf_channel: "Video" });
    expect((await call<{ sales_activity: Obj }>("PUT", `/sales_activities/${sa.id}`, { sales_activity: { title: "Follow-up" } })).body.sales_activity.title).toBe("Follow-up");
    expect((await call<{ sales_activity: Obj }>("GET", `/sales_activities/${sa.id}`)).body.sales_activity.title).toBe("Follow-up");
    expect((await call("DELETE", `/sales_activities/${sa.id}`)).status).toBe(204);
    expect((await call("GET", `/sales_activities/${sa.id}`)).status).toBe(404);
    const ap = (await call<{ appointment: Obj }>("POST", "/appointments", { title: "A", from_date: "2026-06-20T10:00:00Z", end_date: "2026-06-20T11:00:00Z" })).body.appointment;
    const moved = await call<{ appointment: Obj }>("PUT", `/appointments/${ap.id}`, { appointment: { end_date: "2026-06-20T09:00:00Z" } });
    expect(moved.status).toBe(400);
    expect(errorText(moved.body)).toContain("end_date");
    expect((await call("DELETE", `/appointments/${ap.id}`)).status).toBe(204);
    expect((await call("GET", `/appointments/${ap.id}`)).status).toBe(404);
  });

  it("logs phone calls against a record", async () => {
    const res = await call<{ phone_call: Obj }>("POST", "/phone_calls", { phone_call: { call_direction: true, targetable_type: "Contact", targetable: { id: contactId }, note: { description: "Left a message" } } });
    expect(res.status).toBe(200);
    expect(res.body.phone_call).toMatchObject({ call_direction: true, targetable_id: contactId, note: { description: "Left a message" } });
    expect((await call("POST", "/phone_calls", { phone_call: { targetable_type: "Contact", targetable: { id: 3 } } })).status).toBe(400);
    await call("POST", "/notes", { description: "n", targetable_type: "Contact", targetable_id: contactId });
    const stream = await call<{ activities: Array<{ activity_type: string }>; meta: { has_next: boolean } }>("GET", `/contacts/${contactId}/activities?per_page=1`);
    expect(stream.body.activities.map((a) => a.activity_type)).toEqual(["phone_call"]);
    expect(stream.body.meta).toEqual({ has_next: true, has_previous: false });
  });
});
