import type { Collection, DirtyCase } from "./config";
import type { Json, VpRecord } from "./json";

/**
 * Recognises dirty records from their content alone, independently of how the generator
 * planted them. Tests compare what this finds with the manifest, so a manifest that
 * missed or invented a dirty record fails.
 */
export interface DetectContext {
  users: Map<string, VpRecord>;
  companies: Map<string, VpRecord>;
  pipelines: Map<string, VpRecord>;
  /** Emails of the destination's users and pre-existing contacts. */
  destinationUserEmails: Set<string>;
  destinationContactEmails: Set<string>;
  /** Emails of contacts seen earlier in list order (filled by the caller as it scans). */
  seenEmails: Set<string>;
  catalogueKeys: Set<string>;
}

const GOOD_EMAIL = /^[a-z0-9]+(\.[a-z0-9]+)*@[a-z0-9-]+(\.[a-z0-9-]+)+$/;
const GOOD_PHONE = /^\+1-\d{3}-555-\d{4}$/;
const hasNonAscii = (text: unknown) => typeof text === "string" && /[^\x20-\x7e]/.test(text);
const hasControl = (text: unknown) => typeof text === "string" && /[\u0000-\u0008\u001b]/.test(text);
const yearOf = (value: unknown) => (typeof value === "string" ? Number(value.slice(0, 4)) : NaN);
const far = (value: unknown) => yearOf(value) < 1905 || yearOf(value) > 2100;
const tooPrecise = (value: unknown) => typeof value === "string" && /\.\d{3,}$/.test(value);

function ownerCase(record: VpRecord, ctx: DetectContext): DirtyCase | null {
  if (!("owner_id" in record)) return null;
  const owner = ctx.users.get(String(record.owner_id));
  if (!owner) return "missing_owner";
  if (owner.active === false) return "inactive_owner";
  if (!ctx.destinationUserEmails.has(String(owner.email))) return "unmatched_owner";
  return null;
}

function customCase(record: VpRecord, ctx: DetectContext, mixedKey: string, numbersAsText: boolean): DirtyCase | null {
  const custom = (record.custom_properties ?? {}) as Record<string, Json>;
  if (Object.keys(custom).some((k) => !ctx.catalogueKeys.has(k))) return "unknown_custom_key";
  const value = custom[mixedKey];
  if (value === undefined || value === null) return null;
  const regular = numbersAsText ? typeof value === "string" && /^\d+$/.test(value) : typeof value === "number";
  return regular ? null : "mixed_custom_shape";
}

export function detectDirty(collection: Collection, r: VpRecord, ctx: DetectContext): DirtyCase | null {
  if (r.deleted_at) return "soft_deleted";
  switch (collection) {
    case "users":
      if (r.active === false) return "inactive_user";
      return ctx.destinationUserEmails.has(String(r.email)) ? null : "unmatched_user";
    case "products":
      return tooPrecise(r.unit_price) ? "excess_decimals" : null;
    case "companies": {
      const parent = r.parent_company_id ? ctx.companies.get(String(r.parent_company_id)) : undefined;
      if (parent && parent.parent_company_id === r.id) return "parent_cycle";
      if (r.phone === "" || r.website === "") return "empty_vs_null";
      if (!GOOD_PHONE.test(String(r.phone))) return "malformed_phone";
      if (hasControl(r.name)) return "control_chars";
      if (hasNonAscii(r.name)) return "unicode_name";
      return ownerCase(r, ctx) ?? customCase(r, ctx, "bed_count", false);
    }
    case "contacts": {
      const custom = (r.custom_properties ?? {}) as Record<string, Json>;
      if (r.job_title === "" && r.phone === "") return "empty_vs_null";
      if (r.company_id === null) return "no_company";
      if (ctx.companies.get(String(r.company_id))?.deleted_at) return "deleted_company_ref";
      if (!GOOD_EMAIL.test(String(r.email))) return "malformed_email";
      if (ctx.seenEmails.has(String(r.email))) return "duplicate_email";
      if (ctx.destinationContactEmails.has(String(r.email))) return "exists_in_destination";
      if (!GOOD_PHONE.test(String(r.phone))) return "malformed_phone";
      if (hasControl(r.first_name) || hasControl(r.job_title)) return "control_chars";
      if (hasNonAscii(r.first_name) || hasNonAscii(r.last_name)) return "unicode_name";
      if (far(custom.date_of_birth)) return "far_date";
      return ownerCase(r, ctx) ?? customCase(r, ctx, "visit_count", true);
    }
    case "deals": {
      const stages = (ctx.pipelines.get(String(r.pipeline_id))?.stages ?? []) as { id: string }[];
      if (!stages.some((s) => s.id === r.stage_id)) return "cross_pipeline_stage";
      if (tooPrecise(r.amount)) return "excess_decimals";
      if (far(r.expected_close_date)) return "far_date";
      return ownerCase(r, ctx) ?? customCase(r, ctx, "session_count", false);
    }
    case "activities":
      if (!r.contact_id && !r.company_id && !r.deal_id) return "orphan_activity";
      if (Buffer.byteLength(String(r.body)) >= 1024 * 1024) return "huge_note";
      if (hasControl(r.subject)) return "control_chars";
      if (hasNonAscii(r.subject)) return "unicode_name";
      if (far(r.occurred_at)) return "far_date";
      return ownerCase(r, ctx);
    case "attachments":
      if (r.size_bytes === 0) return "empty_attachment";
      if (Number(r.size_bytes) > 1024 * 1024) return "huge_attachment";
      return hasNonAscii(r.filename) ? "unicode_name" : null;
    default:
      return null;
  }
}
