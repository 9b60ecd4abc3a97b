/**
 * The standard object map from the product page (seed): which Freshsales entity each Visual
 * Practice object feeds, and where its documented standard fields land. Fields not listed here
 * (custom properties, keys the catalogue does not know) go through name matching.
 */
import type { SourceObject } from "@/lib/inventory/types";
import type { CustomFieldSpec, DestinationEntity, SystemHandling } from "./schemas";

export type StandardTarget =
  | { kind: "field"; field: string }
  | { kind: "system"; handling: SystemHandling; field?: string; reason: string }
  | { kind: "skip"; reason: string };

export interface ObjectMapOptions {
  /** Contacts without a company: a Lead in the classic Leads module, or a Contact at lifecycle stage "Lead". */
  leadTarget?: "contact_lifecycle_lead" | "leads_module";
  /** Notes become Tasks (the seed's map) or Freshsales notes. */
  noteTarget?: "tasks" | "notes";
}

/** Objects whose fields are handled outside the field map, and by what. */
export const HANDLED_ELSEWHERE: Partial<Record<SourceObject, { by: "owner_resolution" | "stage_map" | "routing"; reason: string }>> = {
  user: { by: "owner_resolution", reason: "users become Freshsales owners by email match, in owner resolution" },
  pipeline: { by: "stage_map", reason: "pipelines and stages map one by one in the stage map" },
  attachment: { by: "routing", reason: "attachments are re-uploaded as Documents on their record; filename and creation time are kept" },
};

export function entitiesFor(object: SourceObject, options: ObjectMapOptions): DestinationEntity[] {
  switch (object) {
    case "company":
      return ["sales_accounts"];
    case "contact":
      return options.leadTarget === "leads_module" ? ["contacts", "leads"] : ["contacts"];
    case "deal":
      return ["deals"];
    case "activity":
      return options.noteTarget === "notes" ? ["tasks", "appointments", "notes"] : ["tasks", "appointments"];
    case "product":
      return ["products"];
    default:
      return [];
  }
}

/** Custom fields the migration itself relies on: the source-id marker and original timestamps. */
export const SYSTEM_CUSTOM_FIELDS: Record<string, CustomFieldSpec> = {
  cf_vp_id: { name: "cf_vp_id", label: "Visual Practice ID", type: "text", unique: true },
  cf_vp_created_at: { name: "cf_vp_created_at", label: "Created in Visual Practice", type: "datetime" },
  cf_vp_updated_at: { name: "cf_vp_updated_at", label: "Updated in Visual Practice", type: "datetime" },
  cf_vp_closed_at: { name: "cf_vp_closed_at", label: "Closed in Visual Practice", type: "datetime" },
};

const COMMON: Record<string, StandardTarget> = {
  id: { kind: "system", handling: "source_id", field: "cf_vp_id", reason: "the source id travels as `cf_vp_id`, the key every upsert and lookup uses" },
  created_at: { kind: "system", handling: "timestamp", field: "cf_vp_created_at", reason: "Freshsales sets its own creation time, so the original goes to `cf_vp_created_at`" },
  updated_at: { kind: "system", handling: "timestamp", field: "cf_vp_updated_at", reason: "the original last-update time goes to `cf_vp_updated_at`; the delta window also reads it" },
  deleted_at: { kind: "skip", reason: "soft-deleted records are not migrated; the ledger records them as skipped" },
  owner_id: { kind: "system", handling: "owner", field: "owner_id", reason: "resolved to a Freshsales user by email in the owner-resolution report" },
};

const ADDRESS: Record<string, StandardTarget> = {
  "address.street": { kind: "field", field: "address" },
  "address.city": { kind: "field", field: "city" },
  "address.state": { kind: "field", field: "state" },
  "address.postal_code": { kind: "field", field: "zipcode" },
  "address.country": { kind: "field", field: "country" },
};

const PERSON: Record<string, StandardTarget> = {
  ...COMMON,
  ...ADDRESS,
  first_name: { kind: "field", field: "first_name" },
  last_name: { kind: "field", field: "last_name" },
  phone: { kind: "field", field: "work_number" },
  mobile: { kind: "field", field: "mobile_number" },
  job_title: { kind: "field", field: "job_title" },
  lifecycle_status: { kind: "field", field: "lifecycle_stage_id" },
};

const meetingOnly: StandardTarget = { kind: "skip", reason: "meeting-only field; meetings route to Appointments" };
const activityLink = (what: string): StandardTarget => ({
  kind: "system",
  handling: "relationship",
  field: "targetable_id",
  reason: `links the activity to its ${what} (targetable_type/targetable_id)`,
});

const STANDARD: Partial<Record<DestinationEntity, Record<string, StandardTarget>>> = {
  sales_accounts: {
    ...COMMON,
    ...ADDRESS,
    name: { kind: "field", field: "name" },
    website: { kind: "field", field: "website" },
    industry: { kind: "field", field: "industry_type_id" },
    employee_count: { kind: "field", field: "number_of_employees" },
    annual_revenue: { kind: "field", field: "annual_revenue" },
    phone: { kind: "field", field: "phone" },
    parent_company_id: { kind: "system", handling: "relationship", field: "parent_sales_account_id", reason: "parent company becomes the Parent Account; parents load before children and cycles are cut" },
  },
  contacts: {
    ...PERSON,
    email: { kind: "field", field: "emails" },
    company_id: { kind: "system", handling: "relationship", field: "sales_accounts", reason: "links the contact to its Account as the primary sales account" },
  },
  leads: {
    ...PERSON,
    email: { kind: "field", field: "email" },
    company_id: { kind: "skip", reason: "contacts routed to Leads have no company" },
  },
  deals: {
    ...COMMON,
    name: { kind: "field", field: "name" },
    amount: { kind: "field", field: "amount" },
    currency: { kind: "field", field: "currency_id" },
    expected_close_date: { kind: "field", field: "expected_close" },
    pipeline_id: { kind: "system", handling: "pipeline_stage", field: "deal_pipeline_id", reason: "the pipeline comes from the confirmed stage map" },
    stage_id: { kind: "system", handling: "pipeline_stage", field: "deal_stage_id", reason: "the stage comes from the confirmed stage map, value by value per pipeline" },
    company_id: { kind: "system", handling: "relationship", field: "sales_account_id", reason: "links the deal to its Account" },
    contact_ids: { kind: "system", handling: "relationship", field: "contacts_added_list", reason: "links the deal to its Contacts" },
    line_items: { kind: "system", handling: "line_items", field: "products", reason: "line items become deal products (product, quantity, unit price)" },
    closed_at: { kind: "system", handling: "timestamp", field: "cf_vp_closed_at", reason: "Freshsales sets its own closed date on stage change, so the original goes to `cf_vp_closed_at`" },
  },
  tasks: {
    ...COMMON,
    type: { kind: "system", handling: "activity_type", field: "task_type_id", reason: "call and email become the Task Type; note becomes type Note" },
    subject: { kind: "field", field: "title" },
    body: { kind: "field", field: "description" },
    occurred_at: { kind: "field", field: "due_date" },
    contact_id: activityLink("contact"),
    company_id: activityLink("account"),
    deal_id: activityLink("deal"),
    start_at: meetingOnly,
    end_at: meetingOnly,
    location: meetingOnly,
    attendees: meetingOnly,
  },
  appointments: {
    ...COMMON,
    type: { kind: "skip", reason: "every activity routed to Appointments is a meeting" },
    subject: { kind: "field", field: "title" },
    body: { kind: "field", field: "description" },
    occurred_at: { kind: "skip", reason: "start_at carries a meeting's time" },
    duration_minutes: { kind: "skip", reason: "end_at carries a meeting's duration" },
    start_at: { kind: "field", field: "from_date" },
    end_at: { kind: "field", field: "end_date" },
    location: { kind: "field", field: "location" },
    attendees: { kind: "system", handling: "attendees", field: "appointment_attendees_attributes", reason: "attendees resolve to Contacts and users by email" },
    contact_id: activityLink("contact"),
    company_id: activityLink("account"),
    deal_id: activityLink("deal"),
  },
  notes: {
    id: COMMON.id as StandardTarget,
    created_at: COMMON.created_at as StandardTarget,
    updated_at: COMMON.updated_at as StandardTarget,
    deleted_at: COMMON.deleted_at as StandardTarget,
    type: { kind: "skip", reason: "only notes route to Freshsales notes" },
    subject: { kind: "skip", reason: "a Freshsales note has only a description" },
    body: { kind: "field", field: "description" },
    owner_id: { kind: "skip", reason: "a note's author is the API user; the original owner is not writable" },
    contact_id: activityLink("contact"),
    company_id: activityLink("account"),
    deal_id: activityLink("deal"),
    occurred_at: { kind: "skip", reason: "the original time goes to `cf_vp_created_at`" },
    duration_minutes: { kind: "skip", reason: "notes have no duration" },
    start_at: meetingOnly,
    end_at: meetingOnly,
    location: meetingOnly,
    attendees: meetingOnly,
  },
  products: {
    ...COMMON,
    name: { kind: "field", field: "name" },
    sku: { kind: "field", field: "product_code" },
    unit_price: { kind: "field", field: "unit_price" },
    currency: { kind: "field", field: "currency_code" },
    description: { kind: "field", field: "description" },
    active: { kind: "field", field: "is_active" },
    owner_id: { kind: "skip", reason: "products have no owner" },
  },
};

/**
 * Where a documented standard field lands, or undefined for fields left to name matching. An
 * element field of a documented array ("attendees[].email") goes with its array: the array's
 * own handling carries it (or leaves it out), so it is never proposed as a field of its own.
 */
export function standardTarget(entity: DestinationEntity, path: string, isCustom: boolean): StandardTarget | undefined {
  if (isCustom) return undefined;
  const own = STANDARD[entity]?.[path];
  if (own || !path.includes("[]")) return own;
  const array = path.slice(0, path.indexOf("[]"));
  const parent = STANDARD[entity]?.[array];
  if (parent?.kind === "system") return { ...parent, reason: `part of \`${array}\`: ${parent.reason}` };
  if (parent?.kind === "skip") return { kind: "skip", reason: `part of \`${array}\`: ${parent.reason}` };
  return undefined;
}

/**
 * Entities whose field settings take custom fields. Tasks, appointments, notes and products
 * have fixed fields only: a source field with no standard home there is left out.
 */
export const TAKES_CUSTOM_FIELDS: ReadonlySet<DestinationEntity> = new Set(["contacts", "sales_accounts", "deals", "leads"]);
