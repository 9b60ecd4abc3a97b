import { badRequest } from "./api-error";
import { DEFAULT_ADMIN, DEFAULT_PIPELINE, DEFAULT_SELECTORS, ID_BASE, type IdKind } from "./default-state";
import type { DestinationRules } from "./profile";
import { systemFields } from "./system-fields";
import {
  ENTITIES,
  FIELD_TYPES,
  type DocumentRecord,
  type Entity,
  type FieldDef,
  type FieldEntity,
  type FieldType,
  type Pipeline,
  type SelectorItem,
  type SelectorKey,
  type Stage,
  type StoredRecord,
  type User,
} from "./types";

export type ActivityKind = "task" | "appointment" | "note" | "sales_activity" | "phone_call";

export interface NewUser {
  display_name?: string;
  name?: string;
  email: string;
  is_active?: boolean;
  work_number?: string;
  mobile_number?: string;
}

export interface NewField {
  entity: FieldEntity;
  label: string;
  type: FieldType;
  name?: string;
  required?: boolean;
  choices?: string[];
  unique?: boolean;
}

export interface NewPipeline {
  name: string;
  is_default?: boolean;
  stages: Array<{ name: string; probability?: number; forecast_type?: "Open" | "Won" | "Lost" }>;
}

/** The whole destination account: metadata, records, files and jobs, plus lookup indexes. */
export class Store {
  private ids = new Map<IdKind, number>();
  users: User[] = [];
  pipelines: Pipeline[] = [];
  selectors = {} as Record<SelectorKey, SelectorItem[]>;
  fields = {} as Record<FieldEntity, FieldDef[]>;
  records = {} as Record<Entity, Map<number, StoredRecord>>;
  products = new Map<number, StoredRecord>();
  activities = {} as Record<ActivityKind, Map<number, StoredRecord>>;
  leads = new Map<number, StoredRecord>();
  documents = new Map<number, DocumentRecord>();
  storageUsed = 0;
  /** Lower-cased contact email -> contact id (emails are unique per account). */
  emailIndex = new Map<string, number>();
  /** `${entity}.${cf_name}` -> stringified value -> record id, for unique custom fields. */
  uniqueIndex = new Map<string, Map<string, number>>();
  /** Target record id -> ids of activities/documents attached to it (may hold stale ids). */
  attached = new Map<number, number[]>();

  constructor(
    private readonly extraRequired: Partial<Record<FieldEntity, string[]>> = {},
    /** Destination rules the writers enforce (profile.ts); they survive a reset, like the options. */
    readonly rules: Required<DestinationRules> = { uniqueAccountNames: false, stageInPipeline: false, refuseTimestamps: false },
  ) {
    this.reset();
  }

  reset(): void {
    this.ids.clear();
    this.fieldMaps.clear();
    this.users = [];
    this.pipelines = [];
    this.selectors = {} as Record<SelectorKey, SelectorItem[]>;
    for (const [key, names] of Object.entries(DEFAULT_SELECTORS)) {
      this.selectors[key as SelectorKey] = [];
      this.addSelectorValues(key as SelectorKey, names);
    }
    const metaId = () => this.nextId("meta");
    for (const e of [...ENTITIES, "sales_activities"] as FieldEntity[]) {
      this.fields[e] = systemFields(e, metaId, this.extraRequired[e]);
    }
    for (const e of ENTITIES) this.records[e] = new Map();
    this.products = new Map();
    for (const k of ["task", "appointment", "note", "sales_activity", "phone_call"] as ActivityKind[]) {
      this.activities[k] = new Map();
    }
    this.leads = new Map();
    this.documents = new Map();
    this.storageUsed = 0;
    this.emailIndex = new Map();
    this.uniqueIndex = new Map();
    this.attached = new Map();
    this.addUser(DEFAULT_ADMIN);
    this.addPipeline(DEFAULT_PIPELINE);
  }

  nextId(kind: IdKind): number {
    const n = (this.ids.get(kind) ?? 0) + 1;
    this.ids.set(kind, n);
    return ID_BASE[kind] + n;
  }

  /** Adds a user; for an existing email it updates name and active flag (deactivation). */
  addUser(input: NewUser): User {
    const email = String(input.email ?? "").trim();
    if (!email) throw badRequest("email is required for a user");
    const existing = this.users.find((u) => u.email.toLowerCase() === email.toLowerCase());
    if (existing) {
      if (input.is_active !== undefined) existing.is_active = input.is_active;
      if (input.display_name ?? input.name) existing.display_name = (input.display_name ?? input.name) as string;
      return existing;
    }
    const user: User = {
      id: this.nextId("user"),
      display_name: input.display_name ?? input.name ?? email.split("@")[0] ?? email,
      email,
      is_active: input.is_active ?? true,
      work_number: input.work_number ?? null,
      mobile_number: input.mobile_number ?? null,
    };
    this.users.push(user);
    return user;
  }

  user(id: number): User | undefined {
    return this.users.find((u) => u.id === id);
  }

  addPipeline(input: NewPipeline): Pipeline {
    if (!input.name) throw badRequest("name is required for a pipeline");
    if (!Array.isArray(input.stages) || input.stages.length === 0) {
      throw badRequest("stages must list at least one stage");
    }
    const id = this.nextId("meta");
    const isDefault = input.is_default === true || this.pipelines.length === 0;
    if (isDefault) for (const p of this.pipelines) p.is_default = false;
    const stages: Stage[] = input.stages.map((s, i) => ({
      id: this.nextId("meta"),
      name: s.name,
      position: i + 1,
      probability: s.probability ?? (s.forecast_type === "Won" ? 100 : s.forecast_type === "Lost" ? 0 : 50),
      forecast_type: s.forecast_type ?? "Open",
      deal_pipeline_id: id,
    }));
    const pipeline: Pipeline = { id, name: input.name, is_default: isDefault, position: this.pipelines.length + 1, stages };
    this.pipelines.push(pipeline);
    return pipeline;
  }

  defaultPipeline(): Pipeline {
    const p = this.pipelines.find((x) => x.is_default) ?? this.pipelines[0];
    if (!p) throw new Error("the account has no pipeline");
    return p;
  }

  stage(id: number): Stage | undefined {
    for (const p of this.pipelines) {
      const s = p.stages.find((x) => x.id === id);
      if (s) return s;
    }
    return undefined;
  }

  addSelectorValues(key: SelectorKey, names: string[]): SelectorItem[] {
    const list = this.selectors[key];
    if (!list) throw badRequest(`Unknown selector ${key}`);
    for (const name of names) {
      if (list.some((x) => x.name === name)) continue;
      list.push({ id: this.nextId("meta"), name, position: list.length + 1 });
    }
    return list;
  }

  private fieldMaps = new Map<FieldEntity, Map<string, FieldDef>>();

  field(entity: FieldEntity, name: string): FieldDef | undefined {
    let m = this.fieldMaps.get(entity);
    if (!m || m.size !== this.fields[entity].length) {
      m = new Map(this.fields[entity].map((f) => [f.name, f]));
      this.fieldMaps.set(entity, m);
    }
    return m.get(name);
  }

  /** Creates a custom field, or updates `required`/`unique` of an existing one by name. */
  addField(input: NewField): FieldDef {
    const list = this.fields[input.entity];
    if (!list) throw badRequest(`Unknown entity ${String(input.entity)}`);
    const existing = input.name ? list.find((f) => f.name === input.name) : undefined;
    if (existing) {
      if (input.required !== undefined) existing.required = input.required;
      if (input.unique !== undefined && !existing.system) existing.unique = input.unique;
      if (input.choices) this.addChoices(input.entity, existing.name, input.choices);
      return existing;
    }
    if (!input.label) throw badRequest("label is required for a field");
    if (!FIELD_TYPES.includes(input.type)) throw badRequest(`Unknown field type ${String(input.type)}`);
    const name = input.name ?? `cf_${input.label.trim().toLowerCase().replace(/[^a-z0-9-]+/g, "_")}`;
    if (!name.startsWith("cf_")) throw badRequest(`Custom field name ${name} must start with cf_`);
    const field: FieldDef = {
      id: this.nextId("meta"),
      name,
      label: input.label,
      type: input.type,
      required: input.required ?? false,
      system: false,
      unique: input.unique ?? false,
      position: list.length + 1,
      choices: [],
    };
    list.push(field);
    if (input.choices) this.addChoices(input.entity, name, input.choices);
    return field;
  }

  addChoices(entity: FieldEntity, name: string, values: string[]): FieldDef {
    const field = this.fields[entity]?.find((f) => f.name === name);
    if (!field) throw badRequest(`Unknown field ${name} on ${entity}`);
    if (field.type !== "dropdown" && field.type !== "multi_select_dropdown") {
      throw badRequest(`Field ${name} is not a dropdown`);
    }
    for (const value of values) {
      if (field.choices.some((c) => c.value === value)) continue;
      field.choices.push({ id: this.nextId("meta"), value, position: field.choices.length + 1 });
    }
    return field;
  }

  uniqueMap(entity: Entity, cf: string): Map<string, number> {
    const key = `${entity}.${cf}`;
    let m = this.uniqueIndex.get(key);
    if (!m) {
      m = new Map();
      this.uniqueIndex.set(key, m);
    }
    return m;
  }
}
