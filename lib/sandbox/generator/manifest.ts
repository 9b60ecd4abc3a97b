import type { Collection, DirtyCase } from "./config";
import { MIXED_KEY, UNKNOWN_KEY, type PropertyObject } from "./custom-properties";
import type { Dataset } from "./dataset";
import type { Json, VpRecord } from "./json";
import { duplicateTarget } from "./records-people";

/**
 * What a correct migration does with a record: its ledger state ("written", "skipped",
 * "failed"), or a routing/resolution outcome that also ends in "written" ("lead": written as
 * a Freshsales Lead; "owner_fallback": written with the fallback owner; "updated": an
 * existing destination record updated under the default "update" policy).
 */
export type Expectation = "written" | "skipped" | "failed" | "lead" | "owner_fallback" | "updated";

export interface ManifestEntry {
  collection: Collection;
  id: string;
  case: DirtyCase;
  expect: Expectation;
  reason: string;
}

const OBJECT_OF: Partial<Record<Collection, PropertyObject>> = {
  contacts: "contact",
  companies: "company",
  deals: "deal",
};

const show = (value: Json | undefined) => JSON.stringify(value ?? null);

/** The expectation for one dirty record (null when the record is clean). */
export function manifestEntry(ds: Dataset, collection: Collection, index: number, record?: VpRecord): ManifestEntry | null {
  const dirty = ds.caseOf(collection, index);
  if (!dirty) return null;
  const r = record ?? ds.record(collection, index);
  const entry = (expect: Expectation, reason: string): ManifestEntry => ({ collection, id: r.id, case: dirty, expect, reason });
  switch (dirty) {
    case "inactive_user":
      return entry("owner_fallback", `user ${show(r.email)} is inactive; records it owns go to the fallback owner`);
    case "unmatched_user":
      return entry("owner_fallback", `no Freshsales user has email ${show(r.email)}; records it owns go to the fallback owner`);
    case "inactive_owner":
      return entry("owner_fallback", `owner ${String(r.owner_id)} is an inactive user`);
    case "missing_owner":
      return entry("owner_fallback", `owner ${String(r.owner_id)} does not exist`);
    case "unmatched_owner":
      return entry("owner_fallback", `owner ${String(r.owner_id)} has no Freshsales user with the same email`);
    case "no_company":
      return entry("lead", "contact has no primary company");
    case "deleted_company_ref":
      return entry("lead", `company ${String(r.company_id)} is soft-deleted, so the contact has no live primary company`);
    case "duplicate_email":
      return entry("skipped", `duplicate email of ${ds.idOf("contacts", duplicateTarget(ds, index))}; the first wins (policy: first wins)`);
    case "exists_in_destination":
      return entry("updated", `a destination contact already has email ${show(r.email)}; default policy: update it, prior values kept in the ledger`);
    case "malformed_email":
      return entry("written", `malformed email ${show(r.email)} is not sent as an email; flagged`);
    case "malformed_phone":
      return entry("written", `malformed phone ${show(r.phone)} kept verbatim (phone fields are free text); flagged`);
    case "parent_cycle": {
      const low = index % 2 === 0;
      return entry("written", low
        ? `parent-company cycle with ${String(r.parent_company_id)}; this record keeps its parent link`
        : `parent-company cycle with ${String(r.parent_company_id)}; the cycle is broken here (written without parent) and flagged`);
    }
    case "cross_pipeline_stage":
      return entry("failed", `stage ${String(r.stage_id)} does not belong to pipeline ${String(r.pipeline_id)}`);
    case "orphan_activity":
      return entry("skipped", "activity is linked to no contact, company or deal");
    case "huge_note":
      return entry("written", `note body of ${Buffer.byteLength(String(r.body))} bytes written in full`);
    case "unicode_name":
      return entry("written", "Unicode text (CJK, RTL, emoji, combining marks) written byte-exact, not normalised");
    case "control_chars":
      return entry("written", "NUL and control characters stripped (tab and newline kept); flagged");
    case "empty_vs_null":
      return entry("written", "empty strings are treated as no value, like null; flagged");
    case "far_date":
      return entry("written", `date far in the past or future kept as is; flagged`);
    case "excess_decimals":
      return entry("written", `amount ${show(r.amount ?? r.unit_price)} has more than two decimals; flagged`);
    case "empty_attachment":
      return entry("written", "0-byte file uploaded as is");
    case "huge_attachment":
      return entry("written", `${String(r.size_bytes)}-byte file streamed, never held in memory`);
    case "mixed_custom_shape": {
      const key = MIXED_KEY[OBJECT_OF[collection] ?? "contact"];
      const custom = r.custom_properties as Record<string, Json> | undefined;
      return entry("written", `custom property ${key} holds ${show(custom?.[key])}, a different shape than its other values; flagged`);
    }
    case "unknown_custom_key":
      return entry("written", `custom property ${UNKNOWN_KEY} is not in the catalogue; inventoried from the records`);
    case "soft_deleted":
      return entry("skipped", `soft-deleted at ${String(r.deleted_at)}`);
  }
}
