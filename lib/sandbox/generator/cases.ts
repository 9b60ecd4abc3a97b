import type { Collection, DirtyCase } from "./config";

const OWNER_CASES = ["inactive_owner", "missing_owner", "unmatched_owner"] as const;
const CUSTOM_CASES = ["mixed_custom_shape", "unknown_custom_key"] as const;

/**
 * Which dirty cases each collection can carry. A record carries at most one case, so the
 * manifest's expectation for it is unambiguous; the order here is the order of the
 * partition of [0, 1) that a record's first random draw falls into.
 */
export const CASES_BY_COLLECTION: Record<Collection, readonly DirtyCase[]> = {
  users: ["inactive_user", "unmatched_user"],
  "custom-properties": [],
  pipelines: [],
  workflows: [],
  products: ["excess_decimals", "soft_deleted"],
  companies: [
    "parent_cycle",
    "malformed_phone",
    "unicode_name",
    "control_chars",
    "empty_vs_null",
    ...OWNER_CASES,
    ...CUSTOM_CASES,
    "soft_deleted",
  ],
  contacts: [
    "no_company",
    "duplicate_email",
    "malformed_email",
    "malformed_phone",
    "deleted_company_ref",
    "unicode_name",
    "control_chars",
    "empty_vs_null",
    "far_date",
    ...OWNER_CASES,
    ...CUSTOM_CASES,
    "soft_deleted",
    "exists_in_destination",
  ],
  deals: [
    "cross_pipeline_stage",
    "excess_decimals",
    "far_date",
    ...OWNER_CASES,
    ...CUSTOM_CASES,
    "soft_deleted",
  ],
  activities: [
    "orphan_activity",
    "huge_note",
    "control_chars",
    "unicode_name",
    "far_date",
    ...OWNER_CASES,
    "soft_deleted",
  ],
  attachments: ["empty_attachment", "huge_attachment", "unicode_name", "soft_deleted"],
};

/** Stable one-byte codes for the case array (0 = clean). */
export function caseCode(collection: Collection, name: DirtyCase): number {
  const position = CASES_BY_COLLECTION[collection].indexOf(name);
  if (position < 0) throw new Error(`${collection} cannot carry ${name}`);
  return position + 1;
}

export function caseName(collection: Collection, code: number): DirtyCase | null {
  if (code === 0) return null;
  return CASES_BY_COLLECTION[collection][code - 1] ?? null;
}
