import { CATALOGUE } from "./custom-properties";
import { hashString } from "./prng";

/** The collections of the Visual Practice API, in the order a dataset is written. */
export const COLLECTIONS = [
  "users",
  "custom-properties",
  "pipelines",
  "products",
  "companies",
  "contacts",
  "deals",
  "activities",
  "attachments",
  "workflows",
] as const;
export type Collection = (typeof COLLECTIONS)[number];

export function isCollection(value: string): value is Collection {
  return (COLLECTIONS as readonly string[]).includes(value);
}

/** Every dirty case the generator can plant, with its default rate (a probability per record). */
export const DEFAULT_DIRTY_RATES = {
  inactive_user: 0.1,
  unmatched_user: 0.08,
  no_company: 0.15,
  duplicate_email: 0.01,
  malformed_email: 0.01,
  malformed_phone: 0.01,
  inactive_owner: 0.01,
  missing_owner: 0.005,
  unmatched_owner: 0.01,
  deleted_company_ref: 0.005,
  parent_cycle: 0.01,
  cross_pipeline_stage: 0.01,
  orphan_activity: 0.01,
  huge_note: 0.002,
  unicode_name: 0.02,
  control_chars: 0.005,
  empty_vs_null: 0.01,
  far_date: 0.005,
  excess_decimals: 0.01,
  empty_attachment: 0.01,
  huge_attachment: 0.005,
  mixed_custom_shape: 0.01,
  unknown_custom_key: 0.01,
  soft_deleted: 0.02,
  exists_in_destination: 0.002,
} as const;
export type DirtyCase = keyof typeof DEFAULT_DIRTY_RATES;
export const DIRTY_CASES = Object.keys(DEFAULT_DIRTY_RATES) as DirtyCase[];

export interface GeneratorConfig {
  seed: number;
  /** Records per collection; collections not listed get their share of `total`. */
  counts?: Partial<Record<Collection, number>>;
  /** Total records, split in realistic proportions (default 1000). */
  total?: number;
  dirtyRates?: Partial<Record<DirtyCase, number>>;
  /** The span that generated `updated_at` stamps fall in (ISO). */
  window?: { start: string; end: string };
  /** Size of a "huge" attachment in bytes (default 8 MiB). */
  hugeAttachmentBytes?: number;
}

export interface ResolvedConfig {
  seed: number;
  counts: Record<Collection, number>;
  dirtyRates: Record<DirtyCase, number>;
  windowStartMs: number;
  windowEndMs: number;
  hugeAttachmentBytes: number;
  /** Hash of everything above: part of every record's seed. */
  hash: number;
}

/** Shares of a total; pipelines, the catalogue and workflows are small and fixed-ish. */
const SHARES: Record<Exclude<Collection, "pipelines" | "custom-properties" | "workflows">, number> = {
  users: 0.002,
  products: 0.005,
  companies: 0.08,
  contacts: 0.35,
  deals: 0.12,
  attachments: 0.04,
  activities: 0, // takes the remainder
};

export const MAX_RECORDS = 1_000_000;

export function resolveConfig(config: GeneratorConfig): ResolvedConfig {
  const total = config.total ?? 1000;
  if (!Number.isInteger(config.seed)) throw new Error("seed must be an integer");
  const given = config.counts ?? {};
  const counts = {} as Record<Collection, number>;
  counts["custom-properties"] = CATALOGUE.length;
  counts.pipelines = given.pipelines ?? 3;
  counts.workflows = given.workflows ?? Math.max(2, Math.min(40, Math.round(total * 0.0005)));
  let used = counts["custom-properties"] + counts.pipelines + counts.workflows;
  for (const [name, share] of Object.entries(SHARES) as [keyof typeof SHARES, number][]) {
    if (name === "activities") continue;
    counts[name] = given[name] ?? Math.max(name === "users" ? 8 : 1, Math.round(total * share));
    used += counts[name];
  }
  counts.activities = given.activities ?? Math.max(1, total - used);
  for (const name of COLLECTIONS) {
    const n = counts[name];
    if (!Number.isInteger(n) || n < 0 || n > MAX_RECORDS) {
      throw new Error(`count of ${name} must be an integer in 0..${MAX_RECORDS}, got ${n}`);
    }
  }
  if (counts.deals > 0 && counts.pipelines < 1) throw new Error("deals need at least one pipeline");
  if (counts.users < 1) throw new Error("at least one user is needed (the fallback owner)");
  const dirtyRates = { ...DEFAULT_DIRTY_RATES } as Record<DirtyCase, number>;
  for (const [name, rate] of Object.entries(config.dirtyRates ?? {})) {
    if (!(name in DEFAULT_DIRTY_RATES)) throw new Error(`unknown dirty case ${name}`);
    if (typeof rate !== "number" || !(rate >= 0 && rate <= 1)) {
      throw new Error(`rate of ${name} must be in [0, 1]`);
    }
    dirtyRates[name as DirtyCase] = rate;
  }
  const windowStartMs = Date.parse(config.window?.start ?? "2021-01-01T00:00:00Z");
  const windowEndMs = Date.parse(config.window?.end ?? "2025-06-30T00:00:00Z");
  if (!(windowEndMs > windowStartMs)) throw new Error("window end must be after its start");
  const hugeAttachmentBytes = config.hugeAttachmentBytes ?? 8 * 1024 * 1024;
  const core = { seed: config.seed, counts, dirtyRates, windowStartMs, windowEndMs, hugeAttachmentBytes };
  return { ...core, hash: hashString(JSON.stringify(core)) };
}
