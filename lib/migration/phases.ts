/**
 * The run's phases as a dependency graph, not a line: a phase starts as soon as the phases it
 * reads destination ids from are done, so independent work overlaps (products beside the
 * accounts; activities and documents of records already written while later objects still
 * load). Each phase owns a fixed, sorted list of ledger rows, cut into batches of `batchSize`.
 */
import type { Db } from "@/lib/server/db";
import type { RunSettings } from "./types";

/** What a phase's batches depend on: the objects an activity or document hangs off. */
export type LinkClass = "companies" | "contacts" | "deals";

export interface PhaseDef {
  key: string;
  /** Ledger object type (source collection) of the phase's rows. */
  objectType: string;
  /** Phases that must be done first (their destination ids are read by this one). */
  after: string[];
  /** Activities and attachments: the subset whose links belong to this class. */
  linkClass?: LinkClass;
}

/**
 * The phases that seed the ledger rows of every collection but accounts and products (those
 * are seeded as the run starts): one phase of one batch per collection, all roots, run beside
 * the first accounts' writes, so the rate budget is not idle while a large ledger is prepared.
 * What reads a collection's rows waits only for that collection's seeding: the contacts phase
 * starts once contacts are seeded and the accounts written, while activities still seed.
 */
export const SEED_PHASE_PREFIX = "seed:";
export const SEED_PHASES = ["seed:contacts", "seed:activities", "seed:attachments", "seed:deals"] as const;

export function isSeedPhase(key: string): boolean {
  return key.startsWith(SEED_PHASE_PREFIX);
}

/** The source collection a seed phase seeds. */
export function seededCollection(key: string): string {
  return key.slice(SEED_PHASE_PREFIX.length);
}

export function phasePlan(settings: RunSettings): PhaseDef[] {
  const levels = settings.accountLevels.map((_, i) => `companies:${i}`);
  const accounts = levels.length > 0 ? [levels[levels.length - 1]!] : [];
  const plan: PhaseDef[] = SEED_PHASES.map((key) => ({ key, objectType: key, after: [] }));
  plan.push(...levels.map((key, i) => ({ key, objectType: "companies", after: i === 0 ? [] : [levels[i - 1]!] })));
  plan.push(
    // Products read nothing: a root, writing from the first second (their creates fill the
    // rate budget the accounts' few bulk calls leave).
    { key: "products", objectType: "products", after: [] },
    { key: "contacts", objectType: "contacts", after: [...accounts, "seed:contacts"] },
    // Deals read account, contact and product ids; their line items are the next phase.
    { key: "deals", objectType: "deals", after: ["contacts", "products", "seed:deals"] },
    { key: "deal_products", objectType: "deals", after: ["deals"] },
  );
  const classAfter: Record<LinkClass, string[]> = { companies: accounts, contacts: ["contacts"], deals: ["deals"] };
  for (const objectType of ["activities", "attachments"] as const) {
    for (const linkClass of ["companies", "contacts", "deals"] as const) {
      plan.push({ key: `${objectType}:${linkClass}`, objectType, after: [...classAfter[linkClass], `seed:${objectType}`], linkClass });
    }
  }
  return plan;
}

/**
 * Whether the phase's batches are bulk upserts (account levels, contacts, deals): few calls,
 * and the destination ids later phases read. Everything else is one create per record.
 */
export function isUpsertPhase(key: string): boolean {
  return /^(companies:\d+|contacts|deals)$/.test(key);
}

/** Whether no phase waits for this one (activities, documents, deals' line items). */
export function isLeafPhase(key: string): boolean {
  return /^(activities|attachments):|^deal_products$/.test(key);
}

/**
 * Which queued batch a worker takes first (higher first; pg-boss job priority and the
 * in-process driver alike): the accounts' levels, then products, contacts, deals and line
 * items, the objects later phases read ids from, before the activities and documents that
 * nothing waits for, so the critical path is never queued behind leaves.
 */
export function phasePriority(key: string): number {
  // Contacts' rows first: the critical path (contacts, then deals) waits for them.
  const seed = (SEED_PHASES as readonly string[]).indexOf(key);
  if (seed >= 0) return 2000 - seed;
  const level = /^companies:(\d+)$/.exec(key);
  if (level) return 1000 - Number(level[1]);
  const fixed: Record<string, number> = { products: 50, contacts: 40, deals: 30, deal_products: 25 };
  if (key in fixed) return fixed[key]!;
  const leaf = ["activities:companies", "activities:contacts", "activities:deals", "attachments:companies", "attachments:contacts", "attachments:deals"].indexOf(key);
  return leaf < 0 ? 0 : 20 - leaf;
}

/**
 * Rows per batch. Documents are a quarter of the run's size: an upload moves a file, not a
 * record, so a batch of 100 ran long, and the run ended on a few such batches with the other
 * workers idle. Smaller ones spread the last uploads over every worker.
 */
export function phaseBatchSize(settings: RunSettings, phase: PhaseDef): number {
  return phase.objectType === "attachments" ? Math.max(1, Math.ceil(settings.batchSize / 4)) : settings.batchSize;
}

export function phaseDef(settings: RunSettings, key: string): PhaseDef | undefined {
  return phasePlan(settings).find((p) => p.key === key);
}

/**
 * The class of an activity or attachment, in SQL over the staged record: the latest-loaded
 * object it may hang off. An activity goes on its contact, else its deal, else its company,
 * so one with a deal waits for deals (if its contact failed, the deal is the target); a
 * meeting's attendees are contacts, so meetings wait for contacts at least.
 */
const CLASS_SQL: Record<string, string> = {
  activities: `CASE WHEN coalesce(s.data->>'deal_id', '') <> '' THEN 'deals'
                    WHEN coalesce(s.data->>'contact_id', '') <> '' OR s.data->>'type' = 'meeting' THEN 'contacts'
                    ELSE 'companies' END`,
  attachments: `CASE s.data->>'parent_type' WHEN 'deal' THEN 'deals' WHEN 'contact' THEN 'contacts' ELSE 'companies' END`,
};

/**
 * The class of ledger row `l`, read from its staged record by primary key. A correlated
 * lookup, not a join: right after seeding the planner's row estimates are stale, and a join
 * it believes tiny became a nested loop over every pair (minutes at 20k records).
 */
export function classOf(objectType: string): string {
  const sql = CLASS_SQL[objectType];
  if (!sql) throw new Error(`${objectType} rows have no link class`);
  return `(SELECT ${sql} FROM "StagedRecord" s WHERE s."migrationId" = l."migrationId" AND s.collection = l."objectType" AND s."sourceId" = l."sourceId")`;
}

/**
 * A phase's rows never change once the ledger is seeded (rows settled at seeding, attempts 0,
 * are left out and no later write makes a row one of them), so every worker computes the same
 * list and keeps it: a batch is a slice of it, no OFFSET scan per batch.
 */
const idLists = new Map<string, Promise<string[]>>();

export function phaseIds(db: Db, runId: string, migrationId: string, settings: RunSettings, phase: PhaseDef): Promise<string[]> {
  if (phase.objectType === "companies") return Promise.resolve(settings.accountLevels[Number(phase.key.split(":")[1])] ?? []);
  const key = `${runId}:${phase.objectType}:${phase.linkClass ?? ""}`;
  let list = idLists.get(key);
  if (!list) {
    if (idLists.size > 64) idLists.clear();
    list = loadIds(db, migrationId, phase);
    list.catch(() => idLists.delete(key));
    idLists.set(key, list);
  }
  return list;
}

/** Forgets a finished run's lists. */
export function forgetRun(runId: string): void {
  for (const key of idLists.keys()) if (key.startsWith(`${runId}:`)) idLists.delete(key);
}

async function loadIds(db: Db, migrationId: string, phase: PhaseDef): Promise<string[]> {
  const work = `NOT (l.state IN ('skipped','failed') AND l.attempts = 0)`;
  const rows = phase.linkClass
    ? await db.$queryRawUnsafe<{ sourceId: string }[]>(
        `SELECT l."sourceId" FROM "LedgerEntry" l
          WHERE l."migrationId" = $1 AND l."objectType" = $2 AND ${work} AND ${classOf(phase.objectType)} = $3
          ORDER BY l."sourceId"`,
        migrationId, phase.objectType, phase.linkClass,
      )
    : await db.$queryRawUnsafe<{ sourceId: string }[]>(
        `SELECT l."sourceId" FROM "LedgerEntry" l WHERE l."migrationId" = $1 AND l."objectType" = $2 AND ${work} ORDER BY l."sourceId"`,
        migrationId, phase.objectType,
      );
  return rows.map((r) => r.sourceId);
}

/** Where a run stands: phases started (with their batch counts) and phases done. */
export interface PhaseState {
  active: Record<string, number>;
  done: string[];
}

/** The phase a person reads ("contacts", "done"): the earliest started phase not yet done. */
export function displayPhase(plan: PhaseDef[], state: PhaseState): { phase: string; batches: number } {
  const open = plan.find((p) => p.key in state.active && !state.done.includes(p.key));
  return open ? { phase: open.key, batches: state.active[open.key] ?? 0 } : { phase: "done", batches: 0 };
}

/** Phases whose prerequisites are all done and that have not started. */
export function readyPhases(plan: PhaseDef[], state: PhaseState): PhaseDef[] {
  return plan.filter((p) => !(p.key in state.active) && !state.done.includes(p.key) && p.after.every((a) => state.done.includes(a)));
}
