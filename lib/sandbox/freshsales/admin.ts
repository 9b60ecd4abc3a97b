import type { FaultConfig } from "@/lib/sandbox/shared/faults";
import { badRequest } from "./api-error";
import type { Core, EmulatorStats } from "./core";
import { writeProduct } from "./product-routes";
import { writeRecord } from "./record-writer";
import { pruneRefs } from "./record-refs";
import type { NewField, NewPipeline, NewUser, Store } from "./store";
import { ENTITIES, type Entity, type FieldDef, type Pipeline, type SelectorKey, type StoredRecord, type User } from "./types";

export interface LoadInput {
  users?: NewUser[];
  pipelines?: NewPipeline[];
  fields?: NewField[];
  selectors?: Partial<Record<SelectorKey, string[]>>;
  records?: Partial<Record<Entity | "products", Array<Record<string, unknown>>>>;
}

export interface LoadResult {
  users: number[];
  pipelines: number[];
  fields: string[];
  ids: Record<Entity | "products", number[]>;
}

/** In-process versions of the `/_emulator/*` operations (the Freshsales admin UI stand-in). */
export interface FreshsalesAdmin {
  addUser(input: NewUser): User;
  addField(input: NewField): FieldDef;
  addChoices(input: { entity: NewField["entity"]; field: string; values: string[] }): FieldDef;
  addPipeline(input: NewPipeline): Pipeline;
  load(input: LoadInput): LoadResult;
  reset(): void;
  dump(): unknown;
  setFaults(config: FaultConfig): void;
  stats(): EmulatorStats;
}

export function createAdmin(core: Core): FreshsalesAdmin {
  const store = core.store;
  const actor = (): number => store.users[0]?.id ?? 0;
  return {
    addUser: (input) => store.addUser(input),
    addField: (input) => {
      const wasUnique = input.name ? store.field(input.entity, input.name)?.unique : undefined;
      const field = store.addField(input);
      if (field.unique && !wasUnique && input.entity !== "sales_activities") reindexUnique(core, input.entity, field.name);
      return field;
    },
    addChoices: (input) => {
      if (!Array.isArray(input.values)) throw badRequest("values must be an array of strings");
      return store.addChoices(input.entity, input.field, input.values.map(String));
    },
    addPipeline: (input) => store.addPipeline(input),
    load: (input) => load(core, input, actor),
    reset: () => core.reset(),
    dump: () => dump(core),
    setFaults: (config) => core.faults.set(config),
    stats: () => core.stats(),
  };
}

function reindexUnique(core: Core, entity: Entity, name: string): void {
  const m = core.store.uniqueMap(entity, name);
  m.clear();
  for (const r of core.store.records[entity].values()) {
    const v = r.cf?.[name];
    if (v !== undefined) m.set(String(v), r.id);
  }
}

function load(core: Core, input: LoadInput, actor: () => number): LoadResult {
  const store = core.store;
  const result: LoadResult = { users: [], pipelines: [], fields: [], ids: { contacts: [], sales_accounts: [], deals: [], products: [] } };
  for (const u of input.users ?? []) result.users.push(store.addUser(u).id);
  for (const p of input.pipelines ?? []) result.pipelines.push(store.addPipeline(p).id);
  for (const f of input.fields ?? []) result.fields.push(store.addField(f).name);
  for (const [key, names] of Object.entries(input.selectors ?? {})) {
    if (!(key in store.selectors)) throw badRequest(`Unknown selector ${key}`);
    store.addSelectorValues(key as SelectorKey, names ?? []);
  }
  const ctx = { store, now: core.now(), actorId: actor() };
  for (const body of input.records?.products ?? []) {
    result.ids.products.push(writeProduct(ctx, body).id);
  }
  for (const entity of ["sales_accounts", "contacts", "deals"] as const) {
    const list = input.records?.[entity] ?? [];
    for (let i = 0; i < list.length; i++) {
      const body = list[i] as Record<string, unknown>;
      try {
        result.ids[entity].push(writeRecord(ctx, entity, body).id);
      } catch (e) {
        if (e instanceof Error) e.message = `records.${entity}[${i}]: ${e.message}`;
        throw e;
      }
    }
  }
  return result;
}

/** Recursively sorts object keys so equal states serialise identically. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = canonical((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** Timestamps change on every write; a dump leaves them out so a rollback can be compared. */
const VOLATILE = new Set(["stage_updated_time"]);

function recordDump(r: StoredRecord, store?: Store, entity?: Entity): unknown {
  if (store && entity) pruneRefs(store, entity, r);
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r.data)) if (!VOLATILE.has(k)) data[k] = v;
  return { id: r.id, data, custom_field: r.cf ?? {} };
}

const byId = (a: { id: number }, b: { id: number }): number => a.id - b.id;

function dump(core: Core): unknown {
  const s = core.store;
  const records: Record<string, unknown> = {};
  for (const e of ENTITIES) records[e] = [...s.records[e].values()].sort(byId).map((r) => recordDump(r, s, e));
  records.products = [...s.products.values()].sort(byId).map((r) => recordDump(r));
  const activities: Record<string, unknown> = {};
  for (const [k, m] of Object.entries(s.activities)) activities[k] = [...m.values()].sort(byId).map((r) => recordDump(r));
  return canonical({
    plan: core.plan,
    users: [...s.users].sort(byId),
    pipelines: s.pipelines,
    selectors: s.selectors,
    fields: s.fields,
    records,
    activities,
    leads: [...s.leads.values()].sort(byId).map((r) => recordDump(r)),
    documents: [...s.documents.values()].sort(byId).map((d) => ({ ...d, createdAt: undefined })),
    storage_used: s.storageUsed,
  });
}
