/**
 * Which way the emulator answers the points `/work/shared/docs/freshsales-api.md` leaves
 * open. "default" is the emulator as it has always answered; "variant" takes the other
 * documented reading at every open point, so the product can be tested against a Freshsales
 * that read the same doc differently (an independent build of it once broke us). Each
 * switch is read where its answer is written; README.md has the table.
 */
export type ProfileName = "default" | "variant";

export const PROFILE_NAMES: readonly ProfileName[] = ["default", "variant"];

/** Account rules a real destination may enforce; off in "default", on in "variant". */
export interface DestinationRules {
  /** A sales account's `name` is unique, compared case-insensitively. */
  uniqueAccountNames?: boolean;
  /** A deal's `deal_stage_id` must be a stage of its pipeline (the default one when none given). */
  stageInPipeline?: boolean;
  /** `created_at`/`updated_at` in a write are refused (400 naming them) instead of ignored (§5). */
  refuseTimestamps?: boolean;
}

export interface EmulatorProfile {
  name: ProfileName;
  bulk: {
    /** `{job_status: {...}}` (default) or the bare job object. */
    wrapJob: boolean;
    /** Finished-job words: completed/completed_with_errors, or success/partial. */
    words: "completed" | "success";
    /** Per-item results: with `index` and `identifier`; only `unique_identifier`; or none at all. */
    results: "indexed" | "identifier" | "none";
    /** Items listed in a shuffled (seeded) order instead of the order sent. */
    shuffle: boolean;
    /** `job_status_url` on the Host the request named, or on the emulator's own address. */
    jobUrlOrigin: "request" | "emulator";
    /** Ids in item results as numeric strings. */
    idAsString: boolean;
    /** Request items accepted: `{<key>: v, data}` or `{unique_identifier, <singular>}` (either), or only the latter. */
    itemShape: "either" | "unique_identifier";
  };
  creates: {
    /** The record bare (no singular root) instead of `{<singular>: {...}}`. */
    bare: boolean;
    /** The created record's id as a numeric string. */
    idAsString: boolean;
    /** 201 for every create instead of 200 (tasks and upsert-creates are 201 in both). */
    status201: boolean;
    /** `POST /documents`: `{id, msg, url, document}` (default) or only `{id, msg, url}`. */
    document: "both" | "id_msg_url";
  };
  /** Single-record answers with a root: sideloads after the record key, or before it. */
  sideloadsFirst: boolean;
  search: {
    /** `GET /lookup`: `{contacts: {contacts: [...]}}` or `{contacts: [...]}`. */
    lookupNesting: "double" | "single";
    /** Filtered search sends `meta` (total, total_pages), or none (paging by full pages). */
    filteredMeta: boolean;
  };
  errors: {
    /** `{errors: {code, message: [...]}}` or `{errors: [{field, message}]}`. */
    shape: "code_message" | "field_list";
    /** Injected 5xx faults answer JSON, or an HTML gateway page. */
    htmlGateway: boolean;
  };
  rateLimit: {
    /** `Retry-After` on 429s. */
    retryAfter: boolean;
    /** `X-RateLimit-*` headers on every answer. */
    headers: boolean;
    /** The window `X-RateLimit-Limit`/`-Remaining`/`-Reset` describe: the hour's, or the minute's. */
    window: "hour" | "minute";
  };
  /** `bulk_destroy`: records gone when it answers (sync), or a 202 and gone a little later (async). */
  bulkDestroy: "sync" | "async";
  /** Field type strings in `/settings/<entity>/fields`: textarea, multi_select_dropdown, phone_number, auto_complete; or paragraph, multiselect, phone, autocomplete. */
  fieldTypes: "long" | "short";
  /** `PUT` answers: the record under its root, or 204 with no body. */
  updates: "record" | "no_content";
  rules: Required<DestinationRules>;
  /**
   * Answers that hide a write which happened (either profile; off unless asked). The doc
   * leaves per-item errors and 5xx semantics open, so a Freshsales may report a record
   * failed, or lose the answer, after writing it. Fractions in [0, 1], drawn from a seeded
   * generator so a run repeats.
   */
  hiddenWrites: {
    /** Bulk items written, yet reported `failed` with an error and the id of the record made. */
    bulkFailedWithId: number;
    /** Writes (bulk upserts, creates, updates, uploads) applied, then answered with a 502. */
    writeAnswered502: number;
  };
}

export interface ProfileOptions {
  profile?: ProfileName;
  /** Variant only: item results named by identifier (default), or a finished job listing no items. */
  bulkResults?: "identifier" | "none";
  /** false: no `X-RateLimit-*` headers at all, with either profile. */
  rateLimitHeaders?: boolean;
  /** Which window `X-RateLimit-*` state (§3 names the headers, not their window); defaults to the profile's. */
  rateLimitWindow?: "hour" | "minute";
  /** Bulk request items accepted (either shape by default, or only `unique_identifier` ones), either profile. */
  bulkItemShape?: "either" | "unique_identifier";
  /** Whether bulk_destroy deletes before answering; defaults to the profile's. */
  bulkDestroy?: "sync" | "async";
  /** Field type names (the doc's list of type strings is open); defaults to the profile's. */
  fieldTypeNames?: "long" | "short";
  /** How a `PUT` is answered (§2 shows the record; a 204 is the other reading); defaults to the profile's. */
  updateAnswer?: "record" | "no_content";
  /** Destination rules; each defaults to the profile's choice. */
  rules?: DestinationRules;
  /** Fraction of bulk items written but reported failed with their id (either profile). */
  bulkFailedWithId?: number;
  /** Fraction of writes applied and then answered 502 (either profile). */
  writeAnswered502?: number;
}

const DEFAULT: EmulatorProfile = {
  name: "default",
  bulk: { wrapJob: true, words: "completed", results: "indexed", shuffle: false, jobUrlOrigin: "request", idAsString: false, itemShape: "either" },
  creates: { bare: false, idAsString: false, status201: false, document: "both" },
  sideloadsFirst: false,
  search: { lookupNesting: "double", filteredMeta: true },
  errors: { shape: "code_message", htmlGateway: false },
  rateLimit: { retryAfter: true, headers: true, window: "hour" },
  updates: "record",
  fieldTypes: "long",
  bulkDestroy: "sync",
  rules: { uniqueAccountNames: false, stageInPipeline: false, refuseTimestamps: false },
  hiddenWrites: { bulkFailedWithId: 0, writeAnswered502: 0 },
};

const VARIANT: EmulatorProfile = {
  name: "variant",
  bulk: { wrapJob: false, words: "success", results: "identifier", shuffle: true, jobUrlOrigin: "emulator", idAsString: true, itemShape: "either" },
  creates: { bare: true, idAsString: true, status201: true, document: "id_msg_url" },
  sideloadsFirst: true,
  search: { lookupNesting: "single", filteredMeta: false },
  errors: { shape: "field_list", htmlGateway: true },
  rateLimit: { retryAfter: false, headers: true, window: "minute" },
  updates: "no_content",
  fieldTypes: "short",
  bulkDestroy: "async",
  rules: { uniqueAccountNames: true, stageInPipeline: true, refuseTimestamps: true },
  hiddenWrites: { bulkFailedWithId: 0, writeAnswered502: 0 },
};

export function resolveProfile(options: ProfileOptions = {}): EmulatorProfile {
  const name = options.profile ?? "default";
  if (!PROFILE_NAMES.includes(name)) throw new Error(`unknown Freshsales emulator profile ${String(name)}`);
  const base = name === "variant" ? VARIANT : DEFAULT;
  const results = name === "variant" && options.bulkResults === "none" ? "none" : base.bulk.results;
  return {
    ...base,
    bulk: { ...base.bulk, results, itemShape: options.bulkItemShape ?? base.bulk.itemShape },
    rateLimit: { ...base.rateLimit, headers: options.rateLimitHeaders ?? base.rateLimit.headers, window: options.rateLimitWindow ?? base.rateLimit.window },
    updates: options.updateAnswer ?? base.updates,
    fieldTypes: options.fieldTypeNames ?? base.fieldTypes,
    bulkDestroy: options.bulkDestroy ?? base.bulkDestroy,
    rules: { ...base.rules, ...definedOnly(options.rules ?? {}) },
    hiddenWrites: { bulkFailedWithId: fraction(options.bulkFailedWithId, "bulkFailedWithId"), writeAnswered502: fraction(options.writeAnswered502, "writeAnswered502") },
  };
}

function fraction(value: number | undefined, name: string): number {
  if (value === undefined) return 0;
  if (!(value >= 0 && value <= 1)) throw new Error(`${name} must be a fraction between 0 and 1; got ${value}`);
  return value;
}

function definedOnly(rules: DestinationRules): DestinationRules {
  return Object.fromEntries(Object.entries(rules).filter(([, v]) => v !== undefined));
}

/** `FRESHSALES_EMULATOR_PROFILE` (unset or empty: default); anything else is refused, not guessed. */
export function profileFromEnv(value: string | undefined): ProfileName | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const name = value.trim().toLowerCase();
  if (!PROFILE_NAMES.includes(name as ProfileName)) throw new Error(`FRESHSALES_EMULATOR_PROFILE must be one of ${PROFILE_NAMES.join(", ")}; got ${value}`);
  return name as ProfileName;
}
