import type { FreshsalesFieldType } from "./field-types";
import { hasLeadsModule } from "./leads";
import type { FreshsalesConnection } from "./connection";
import { FreshsalesNotFoundError } from "./errors";
import { asObject, FS_ENTITIES, toId, unwrapList, type FsEntity } from "./wire";

export interface FsChoice {
  id: number | string;
  value: string;
  position: number | undefined;
}

export interface FsField {
  id: number | string;
  name: string;
  label: string;
  /** The wire type string, e.g. `multi_select_dropdown`. */
  wireType: string;
  /** The project's type, or null for system-only kinds (`lookup`, `auto_complete`, unknown). */
  type: FreshsalesFieldType | null;
  required: boolean;
  custom: boolean;
  unique: boolean;
  choices: FsChoice[];
}

export interface FsStage {
  id: number;
  name: string;
  position: number | undefined;
  probability: number | undefined;
  /** `Open` / `Won` / `Lost` where the account says so. */
  forecastType: string | undefined;
}

export interface FsPipeline {
  id: number;
  name: string;
  isDefault: boolean;
  stages: FsStage[];
}

export interface FsOwner {
  id: number;
  name: string;
  email: string | undefined;
  active: boolean;
}

export interface FsOption {
  id: number;
  name: string;
}

export interface FsCurrency {
  id: number;
  code: string;
  isDefault: boolean;
}

export interface FsMetadata {
  fields: Record<FsEntity, FsField[]>;
  pipelines: FsPipeline[];
  owners: FsOwner[];
  lifecycleStages: FsOption[];
  contactStatuses: FsOption[];
  currencies: FsCurrency[];
  /** Empty when the account has no task-type selector (404): titles then carry a `[Call]` prefix. */
  taskTypes: FsOption[];
  salesActivityTypes: FsOption[];
  /** Whether the account has the Classic Leads module (`/api/leads`); absent: not asked. */
  leadsModule?: boolean;
}

const WIRE_TYPES: Record<string, FreshsalesFieldType> = {
  text: "text",
  textarea: "paragraph",
  paragraph: "paragraph",
  number: "number",
  date: "date",
  datetime: "datetime",
  checkbox: "checkbox",
  dropdown: "dropdown",
  multi_select_dropdown: "multiselect",
  multiselect: "multiselect",
  email: "email",
  phone_number: "phone",
  phone: "phone",
  url: "url",
};

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined);
const num = (value: unknown): number | undefined => (typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value)) ? Number(value) : undefined);

export async function listFields(conn: FreshsalesConnection, entity: FsEntity): Promise<FsField[]> {
  const { body } = await conn.request("GET", `settings/${FS_ENTITIES[entity].plural}/fields`);
  return unwrapList(body, "fields").flatMap((raw): FsField[] => {
    const f = asObject(raw);
    const name = str(f?.name);
    if (!f || !name) return [];
    const wireType = str(f.type) ?? "text";
    const options = asObject(f.field_options);
    return [
      {
        id: (toId(f.id) ?? str(f.id) ?? name) as number | string,
        name,
        label: str(f.label) ?? name,
        wireType,
        type: WIRE_TYPES[wireType] ?? null,
        required: f.required === true,
        custom: f.default === false || name.startsWith("cf_"),
        unique: options?.unique === true,
        choices: (Array.isArray(f.choices) ? f.choices : []).flatMap((c): FsChoice[] => {
          const choice = asObject(c);
          const value = str(choice?.value) ?? str(choice?.name);
          return choice && value !== undefined ? [{ id: (toId(choice.id) ?? str(choice.id) ?? value) as number | string, value, position: num(choice.position) }] : [];
        }),
      },
    ];
  });
}

function toStage(raw: unknown): FsStage[] {
  const s = asObject(raw);
  const id = toId(s?.id);
  if (!s || id === undefined) return [];
  return [{ id, name: str(s.name) ?? String(id), position: num(s.position), probability: num(s.probability), forecastType: str(s.forecast_type) }];
}

export async function listPipelines(conn: FreshsalesConnection): Promise<FsPipeline[]> {
  const { body } = await conn.request("GET", "selector/deal_pipelines");
  const pipelines: FsPipeline[] = [];
  for (const raw of unwrapList(body, "deal_pipelines")) {
    const p = asObject(raw);
    const id = toId(p?.id);
    if (!p || id === undefined) continue;
    let stages = (Array.isArray(p.deal_stages) ? p.deal_stages : []).flatMap(toStage);
    if (!Array.isArray(p.deal_stages)) {
      // Some accounts answer pipelines without embedded stages; ask per pipeline.
      const res = await conn.request("GET", `selector/deal_pipelines/${id}/deal_stages`);
      stages = unwrapList(res.body, "deal_stages").flatMap(toStage);
    }
    stages.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
    pipelines.push({ id, name: str(p.name) ?? String(id), isDefault: p.is_default === true || p.default === true, stages });
  }
  return pipelines;
}

export async function listOwners(conn: FreshsalesConnection): Promise<FsOwner[]> {
  const { body } = await conn.request("GET", "selector/owners");
  return unwrapList(body, "users").flatMap((raw): FsOwner[] => {
    const u = asObject(raw);
    const id = toId(u?.id);
    if (!u || id === undefined) return [];
    return [{ id, name: str(u.display_name) ?? str(u.name) ?? String(id), email: str(u.email), active: u.is_active !== false }];
  });
}

/** A `{<key>: [{id, name}]}` selector; 404 means the account has none. */
export async function listOptions(conn: FreshsalesConnection, selector: string, key = selector): Promise<FsOption[]> {
  try {
    const { body } = await conn.request("GET", `selector/${selector}`);
    return unwrapList(body, key).flatMap((raw): FsOption[] => {
      const o = asObject(raw);
      const id = toId(o?.id);
      return o && id !== undefined ? [{ id, name: str(o.name) ?? str(o.value) ?? String(id) }] : [];
    });
  } catch (error) {
    if (error instanceof FreshsalesNotFoundError) return [];
    throw error;
  }
}

export async function listCurrencies(conn: FreshsalesConnection): Promise<FsCurrency[]> {
  const { body } = await conn.request("GET", "selector/currencies");
  return unwrapList(body, "currencies").flatMap((raw): FsCurrency[] => {
    const c = asObject(raw);
    const id = toId(c?.id);
    const code = str(c?.currency_code) ?? str(c?.code);
    return c && id !== undefined && code ? [{ id, code, isDefault: c.is_default === true || c.is_base_currency === true }] : [];
  });
}

/** Everything preflight needs to know about the destination, as the project's own types. */
export async function discoverMetadata(conn: FreshsalesConnection): Promise<FsMetadata> {
  const [contacts, accounts, deals] = await Promise.all([listFields(conn, "contact"), listFields(conn, "sales_account"), listFields(conn, "deal")]);
  const [pipelines, owners, lifecycleStages, contactStatuses, currencies, taskTypes, salesActivityTypes, leadsModule] = await Promise.all([
    listPipelines(conn),
    listOwners(conn),
    listOptions(conn, "lifecycle_stages"),
    listOptions(conn, "contact_statuses"),
    listCurrencies(conn),
    listOptions(conn, "task_types"),
    listOptions(conn, "sales_activity_types"),
    hasLeadsModule(conn),
  ]);
  return {
    fields: { contact: contacts, sales_account: accounts, deal: deals },
    pipelines,
    owners,
    lifecycleStages,
    contactStatuses,
    currencies,
    taskTypes,
    salesActivityTypes,
    leadsModule,
  };
}

/** One cheap call that proves the domain and key: the owner count. */
export async function testConnection(conn: FreshsalesConnection): Promise<{ ownerCount: number }> {
  return { ownerCount: (await listOwners(conn)).length };
}
