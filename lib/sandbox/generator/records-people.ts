import { customProperties } from "./custom-properties";
import type { BuildContext, Dataset } from "./dataset";
import {
  address, badPhone, cleanRef, dateOnly, farYear, ownerId, personName, phone, slug, withControlChars,
} from "./fields";
import type { JsonObject } from "./json";
import { BAD_EMAILS, EMAIL_DOMAINS, JOB_TITLES, LIFECYCLE, PRACTICE_WORDS } from "./words";

const DUPLICATE_SALT = 0xd0b1e;

export function userFields({ index, rng, dirty }: BuildContext): JsonObject {
  const { first, last } = personName(rng, false);
  const domain = `${slug(rng.pick(PRACTICE_WORDS))}health.example`;
  return {
    email: `${slug(first)}.${slug(last)}.${index + 1}@${domain}`,
    first_name: first,
    last_name: last,
    active: dirty !== "inactive_user",
    role: index === 0 ? "admin" : rng.pick(["practitioner", "front_desk", "billing", "manager"]),
  };
}

/** Every clean contact's email is unique: it carries the record number. */
function ownEmail(first: string, last: string, index: number, domain: string): string {
  const local = `${slug(first)}.${slug(last)}`;
  return `${local.length > 1 ? local : "patient"}.${index + 1}@${domain}`;
}

/** The earlier clean contact whose email a `duplicate_email` contact copies. */
export function duplicateTarget(ds: Dataset, index: number): number {
  const clean = ds.cleanIndices("contacts");
  // Clean indices are sorted; choose among those before `index` (index 0 is always clean).
  let lo = 0;
  let hi = clean.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((clean[mid] ?? Infinity) < index) lo = mid + 1;
    else hi = mid;
  }
  const rng = ds.rng("contacts", index, DUPLICATE_SALT);
  return clean[Math.floor(rng.next() * Math.max(1, hi))] ?? 0;
}

export function contactFields(ctx: BuildContext): JsonObject {
  const { ds, index, rng, dirty } = ctx;
  const { first, last } = personName(rng, dirty === "unicode_name");
  const domain = rng.pick(EMAIL_DOMAINS);
  let email: string | null = ownEmail(first, last, index, domain);
  if (dirty === "malformed_email") email = rng.pick(BAD_EMAILS);
  if (dirty === "duplicate_email") email = String(ds.record("contacts", duplicateTarget(ds, index)).email);
  let companyId: string | null = cleanRef(ctx, "companies");
  if (dirty === "no_company") companyId = null;
  if (dirty === "deleted_company_ref") {
    const deleted = ds.indicesWithCase("companies", "soft_deleted");
    companyId = ds.idOf("companies", deleted[Math.floor(rng.next() * deleted.length)] ?? 0);
  }
  const hasMobile = rng.chance(0.6);
  const mobile = phone(rng);
  const custom = customProperties("contact", rng, dirty);
  if (dirty === "far_date") custom.date_of_birth = dateOnly(farYear(rng), rng);
  const fields: JsonObject = {
    first_name: dirty === "control_chars" ? withControlChars(first, rng) : first,
    last_name: last,
    email,
    phone: dirty === "malformed_phone" ? badPhone(rng) : phone(rng),
    mobile: hasMobile ? mobile : null,
    job_title: dirty === "control_chars" ? withControlChars(rng.pick(JOB_TITLES), rng) : rng.pick(JOB_TITLES),
    address: rng.chance(0.7) ? address(rng) : null,
    company_id: companyId,
    owner_id: ownerId(ctx),
    lifecycle_status: rng.chance(0.85) ? rng.pick(LIFECYCLE) : null,
    custom_properties: custom,
  };
  if (dirty === "empty_vs_null") {
    // Empty strings where a clean record has a value or null: they must not be confused.
    fields.mobile = "";
    fields.job_title = "";
    fields.lifecycle_status = "";
    fields.phone = "";
  }
  return fields;
}
