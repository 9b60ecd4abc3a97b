/**
 * Freshsales Classic's Leads module: `/api/leads` on the account's host (freshsales-api.md §1
 * "Legacy Classic", §2 "Leads": the Suite has no `/leads`; lead-like state lives on contacts
 * as a lifecycle stage). Paths are made relative to the connection's base, so every call goes
 * through the same governor, retries and errors as the rest.
 */
import type { FreshsalesConnection } from "./connection";
import { FreshsalesForbiddenError, FreshsalesNotFoundError } from "./errors";
import { asObject, fromWireRecord, toWireFields, unwrapList, type FsFields, type FsRecord } from "./wire";
import { createdRecord } from "./record-writes";

/** `api/<resource>` on the host, as a path under the connection's base (`/crm/sales/api` → `../../../api/…`). */
export function classicPath(conn: FreshsalesConnection, resource: string): string {
  const depth = new URL(conn.baseUrl).pathname.split("/").filter(Boolean).length;
  return `${"../".repeat(depth)}api/${resource.replace(/^\/+/, "")}`;
}

/** Whether the account has the Leads module: Classic answers its lead views, the Suite 404s. */
export async function hasLeadsModule(conn: FreshsalesConnection): Promise<boolean> {
  try {
    await conn.request("GET", classicPath(conn, "leads/filters"));
    return true;
  } catch (error) {
    if (error instanceof FreshsalesNotFoundError || error instanceof FreshsalesForbiddenError) return false;
    throw error;
  }
}

/** The fields a Classic lead takes (doc §5: a contact's text fields, a single `email`). */
const LEAD_FIELDS = ["first_name", "last_name", "job_title", "work_number", "mobile_number", "address", "city", "state", "zipcode", "country", "time_zone", "owner_id"];

/** A contact payload as a lead body: its lead fields, `emails[0]` as `email`, custom fields kept. */
export function leadFields(contact: FsFields): FsFields {
  const out: FsFields = {};
  for (const [k, v] of Object.entries(contact)) {
    if (LEAD_FIELDS.includes(k) || k.startsWith("cf_")) out[k] = v;
  }
  const email = Array.isArray(contact.emails) ? contact.emails[0] : contact.emails ?? contact.email;
  if (typeof email === "string" && email !== "") out.email = email;
  return out;
}

/** Creates a lead (not idempotent: callers commit an intent first). */
export async function createLead(conn: FreshsalesConnection, fields: FsFields): Promise<FsRecord> {
  const path = classicPath(conn, "leads");
  const { body } = await conn.request("POST", path, { json: { lead: toWireFields(fields) } });
  return createdRecord(body, "lead", path);
}

export async function deleteLead(conn: FreshsalesConnection, id: number): Promise<void> {
  try {
    await conn.request("DELETE", classicPath(conn, `leads/${id}`));
  } catch (error) {
    // Already gone (a rollback repeated after a crash): nothing left to undo.
    if (!(error instanceof FreshsalesNotFoundError)) throw error;
  }
}

/**
 * The lead carrying `cf_vp_id` = each of `sourceIds`, by reading the "All Leads" view (Classic
 * has no filtered search on leads): the settling of a create whose answer was lost.
 */
export async function findLeadsBySourceIds(conn: FreshsalesConnection, sourceIds: readonly string[]): Promise<Map<string, number>> {
  const want = new Set(sourceIds);
  const out = new Map<string, number>();
  if (want.size === 0) return out;
  const { body: filters } = await conn.request("GET", classicPath(conn, "leads/filters"));
  const list = (asObject(filters)?.filters as { id?: unknown; is_default?: unknown }[] | undefined) ?? [];
  const all = list.find((f) => f.is_default === true) ?? list[0];
  if (!all) return out;
  for (let page = 1; page < 10_000 && out.size < want.size; page++) {
    const { body } = await conn.request("GET", classicPath(conn, `leads/view/${String(all.id)}`), { query: { page, per_page: 100 } });
    const leads = unwrapList(body, "leads").flatMap((raw) => fromWireRecord(raw) ?? []);
    for (const l of leads) {
      const sid = l.fields.cf_vp_id;
      if (typeof sid === "string" && want.has(sid)) out.set(sid, l.id);
    }
    if (leads.length < 100) break;
  }
  return out;
}
