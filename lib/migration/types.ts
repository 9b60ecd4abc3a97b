/**
 * The migration engine's own vocabulary: what a run needs from the approved map and from the
 * destination, and the phases a full run walks through in dependency order.
 */
import type { FsMetadata } from "@/lib/connectors/freshsales/metadata";
import type { FileStore } from "@/lib/connectors/visual-practice/file-store";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import type { ExistingRecordPolicy } from "@/lib/mapping/record-policies";
import type { Db } from "@/lib/server/db";

// The approved map has one shape, defined beside the mapping engine (the Map step produces it).
export type { ApprovedMapping } from "@/lib/mapping/approved-mapping";
import type { ApprovedMapping } from "@/lib/mapping/approved-mapping";

/**
 * Admin choices for source records matching a record already in Freshsales (architecture:
 * "Duplicates and records that already exist"). Duplicates within the source are the approved
 * map's `duplicateEmails`, since seeding reads them wherever it runs (full run, sample, delta).
 */
export interface RunPolicies {
  /** A destination contact already has the email: update it, fill its empty fields, or skip the source record. */
  existingRecord: ExistingRecordPolicy;
  /** A destination account already has the name: the same three choices. */
  existingAccount: ExistingRecordPolicy;
  /** Whether an update or fill may change the owner of an existing record (never, unless the admin asks). */
  changeOwner: boolean;
}

export const DEFAULT_POLICIES: RunPolicies = { existingRecord: "update", existingAccount: "update", changeOwner: false };

/** The part of the destination's metadata a run needs, read once when the run starts. */
export interface DestinationContext {
  /** `${entity}.${field}` → {label (lower case) → id} for id-valued pickers (lifecycle_stage_id...). */
  pickers: Record<string, Record<string, number>>;
  /** Field names that exist per entity (contacts, sales_accounts, deals). */
  fields: Record<string, string[]>;
  taskTypes: Record<string, number>;
  currencies: Record<string, number>;
  /** Per-file ceiling and storage quota of the plan, in bytes. */
  maxFileBytes: number;
  storageQuotaBytes: number | null;
  /** The account has the Classic Leads module (`/api/leads`); absent in older runs: no. */
  leadsModule?: boolean;
}

export interface RunSettings {
  mapping: ApprovedMapping;
  destination: DestinationContext;
  policies: RunPolicies;
  batchSize: number;
  /** Account ids per hierarchy level (roots first); a level's batches run after the levels above it. */
  accountLevels: string[][];
}

/** Ledger object types (source collections) in the order the run writes them. */
export const PHASES = ["companies", "companies_hierarchy", "contacts", "products", "deals", "deal_products", "activities", "attachments"] as const;
export type Phase = (typeof PHASES)[number];

export const LEDGER_STATES = ["pending", "intent", "written", "skipped", "failed"] as const;
export type LedgerState = (typeof LEDGER_STATES)[number];

/** Everything a batch needs to run; built once per worker and shared by its batches. */
export interface EngineDeps {
  db: Db;
  conn: FreshsalesConnection;
  files?: FileStore;
  /** Where an attachment's bytes sit in the file store (the extraction's key). */
  attachmentKey?: (migrationId: string, attachmentId: string) => string;
  /** Test hook: called at points where a real worker could die; throwing there simulates the kill. */
  chaos?: (point: string) => void;
  bulkPollMs?: number;
}

export type { FsMetadata };
