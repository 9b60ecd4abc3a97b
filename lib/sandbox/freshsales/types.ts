import type { SandboxClock } from "@/lib/sandbox/shared/clock";
import type { ProfileOptions } from "./profile";

export type Plan = "free" | "growth" | "pro" | "enterprise" | "blossom" | "garden" | "estate" | "forest";

/** The three core CRM entities, named as in their URL segment. */
export type Entity = "contacts" | "sales_accounts" | "deals";
/** Entities with field metadata under `/settings/:entity/fields`. */
export type FieldEntity = Entity | "sales_activities";
export type TargetableType = "Contact" | "SalesAccount" | "Deal";

export const ENTITIES: readonly Entity[] = ["contacts", "sales_accounts", "deals"];
export const SINGULAR: Record<Entity, string> = {
  contacts: "contact",
  sales_accounts: "sales_account",
  deals: "deal",
};
export const TARGET_ENTITY: Record<TargetableType, Entity> = {
  Contact: "contacts",
  SalesAccount: "sales_accounts",
  Deal: "deals",
};

export type FieldType =
  | "text"
  | "textarea"
  | "number"
  | "date"
  | "datetime"
  | "checkbox"
  | "dropdown"
  | "multi_select_dropdown"
  | "email"
  | "phone_number"
  | "url"
  | "lookup"
  | "auto_complete";

export const FIELD_TYPES: readonly FieldType[] = [
  "text", "textarea", "number", "date", "datetime", "checkbox", "dropdown",
  "multi_select_dropdown", "email", "phone_number", "url", "lookup", "auto_complete",
];

export interface Choice {
  id: number;
  value: string;
  position: number;
}

export type SelectorKey =
  | "lifecycle_stages"
  | "contact_statuses"
  | "currencies"
  | "sales_activity_types"
  | "sales_activity_outcomes"
  | "industry_types"
  | "business_types"
  | "territories"
  | "lead_sources"
  | "deal_reasons"
  | "deal_types"
  | "deal_payment_statuses"
  | "campaigns"
  | "task_types";

/**
 * How a system field's value is checked beyond its type: ids from a selector, an active
 * owner, or an entity-specific rule (relations, pipeline/stage, emails) done by the writer.
 */
export type FieldRef = SelectorKey | "owner" | "special";

export interface FieldDef {
  id: number;
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  /** true for system fields (decision 5). */
  system: boolean;
  unique: boolean;
  position: number;
  choices: Choice[];
  ref?: FieldRef;
}

export interface SelectorItem {
  id: number;
  name: string;
  position: number;
}

export interface User {
  id: number;
  display_name: string;
  email: string;
  is_active: boolean;
  work_number: string | null;
  mobile_number: string | null;
}

export interface Stage {
  id: number;
  name: string;
  position: number;
  probability: number;
  forecast_type: "Open" | "Won" | "Lost";
  deal_pipeline_id: number;
}

export interface Pipeline {
  id: number;
  name: string;
  is_default: boolean;
  position: number;
  stages: Stage[];
}

/**
 * One stored record. System values live in `data` (normalised, only keys that were set),
 * custom values in `cf`; timestamps are emulated epoch ms. Kept small on purpose: the
 * emulator must hold a million of them.
 */
export interface StoredRecord {
  id: number;
  createdAt: number;
  updatedAt: number;
  data: Record<string, unknown>;
  cf: Record<string, unknown> | undefined;
}

export interface DocumentRecord {
  id: number;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  isShared: boolean;
  targetableType: string;
  targetableId: number;
  createdAt: number;
}

export interface ApiKeyConfig {
  key: string;
  /** Modules (first path segment, e.g. "deals", "documents", "cpq") this key may not use. */
  forbidden?: string[];
  /** The user the key belongs to; defaults to the first admin user. */
  userId?: number;
}

/** `profile`, `bulkResults`, `rateLimitHeaders`, `rateLimitWindow`, `updateAnswer`, `rules` and the hidden writes come from ProfileOptions (profile.ts). */
export interface FreshsalesEmulatorOptions extends ProfileOptions {
  port?: number;
  host?: string;
  plan?: Plan;
  apiKeys?: Array<string | ApiKeyConfig>;
  clock?: SandboxClock;
  classic?: boolean;
  storageQuotaBytes?: number;
  /** Per-file limit; 150 MB like the real service. Lower it in tests. */
  maxFileBytes?: number;
  bulkJobDelayMs?: number;
  /** Records per bulk_upsert request (100; §2.10 says "100?"). Lower it to play an account with a smaller cap. */
  bulkMax?: number;
  rateLimit?: false;
  /** Calls per emulated minute on paid plans (400, doc §3); lower it to make the minute window bind in tests. */
  minuteLimit?: number;
  /** Extra required system fields per entity, e.g. { contacts: ["last_name"] }. */
  requiredFields?: Partial<Record<FieldEntity, string[]>>;
}
