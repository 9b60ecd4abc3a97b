import { z } from "zod";
/** The delta window's settings and running figures, kept on its `Run` (kind "delta"). */
export interface DeltaSettings {
  /** Window length in hours (24 to 48 by default; any positive duration is allowed). */
  windowHours: number;
  /** Seconds between two polls of the source. */
  intervalSeconds: number;
  endsAt: string;
}

export interface PickedUp {
  collection: string;
  sourceId: string;
  /** created: new in the source; updated: changed since the run; conflict: also edited in Freshsales; unchanged: same content. */
  outcome: "created" | "updated" | "conflict" | "unchanged" | "not_updatable" | "deleted_in_source";
  at: string;
}

export interface DeltaStats {
  polls: number;
  lastPollAt?: string;
  pickedUp: number;
  created: number;
  updated: number;
  conflicts: number;
  notUpdatable: number;
  deletedInSource?: number;
  failed: number;
  lastError?: string;
  /** The latest records picked up, newest first (at most 50). */
  recent: PickedUp[];
  /** Changes found per poll, oldest first (at most 200): the page's chart. */
  history?: PollFigures[];
  leaseUntil?: string;
  /**
   * Per collection, the latest source stamp read (where its next poll reads from, less the
   * look-back). `Run.watermark` is the latest of them, for the page.
   */
  watermarks?: Record<string, string>;
}

export interface PollFigures {
  at: string;
  created: number;
  updated: number;
  conflicts: number;
  deleted: number;
  listed: number;
}

export const EMPTY_STATS: DeltaStats = { polls: 0, pickedUp: 0, created: 0, updated: 0, conflicts: 0, notUpdatable: 0, failed: 0, recent: [] };

/** One field of a conflict: what the source says now, what Freshsales holds, what the run wrote. */
export interface ConflictField {
  field: string;
  source: string | null;
  destination: string | null;
  written: string | null;
  /** The value the run wrote, as sent (the base of the next three-way comparison while open). */
  writtenRaw?: unknown;
  /** The admin's choice for this field, once made (a conflict stays open until every field has one). */
  choice?: FieldChoice;
  /** Set when only the source changed the field but Freshsales refused its value: why. */
  refused?: string;
}

export type FieldChoice = "source" | "destination";

export const DELTA_COLLECTIONS = ["companies", "contacts", "products", "deals", "activities", "attachments"] as const;
export type DeltaCollection = (typeof DELTA_COLLECTIONS)[number];

// The window's settings and a conflict's fields are JSON columns, read back through these.
export const deltaSettingsSchema: z.ZodType<DeltaSettings> = z.object({ windowHours: z.number().positive(), intervalSeconds: z.number().positive(), endsAt: z.string() });
export const conflictFieldsSchema: z.ZodType<ConflictField[]> = z.array(
  z.object({
    field: z.string(), source: z.string().nullable(), destination: z.string().nullable(), written: z.string().nullable(),
    writtenRaw: z.unknown().optional(), choice: z.enum(["source", "destination"]).optional(), refused: z.string().optional(),
  }),
);
