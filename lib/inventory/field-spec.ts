/**
 * The custom-field creation spec: what a Freshsales admin must create on Contact, Account and
 * Deal before the run. It holds every source custom property, any extra source field the
 * mapping routes to a custom field, and the three fields the migration itself relies on.
 */
import type { FieldAnomaly, FieldProfile, FreshsalesFieldType, SourceObject } from "./types";

export const FRESHSALES_OBJECTS = ["Contact", "Account", "Deal"] as const;
export type FreshsalesObject = (typeof FRESHSALES_OBJECTS)[number];

export const FRESHSALES_OBJECT_FOR: Partial<Record<SourceObject, FreshsalesObject>> = {
  company: "Account",
  contact: "Contact",
  deal: "Deal",
};

export interface FieldSpecRow {
  freshsalesObject: FreshsalesObject;
  label: string;
  /** Freshsales derives `cf_<snake_case label>` from the label; the migration writes to it. */
  apiName: string;
  type: FreshsalesFieldType;
  /** The field type to pick in the Freshsales admin form. */
  createAs: string;
  dropdownValues: string[];
  /** "contact.custom_properties.hcn", or "(migration)" for the migration's own fields. */
  sourceField: string;
  fillRate: number;
  sensitive: boolean;
  unique: boolean;
  notes: string;
}

export type FieldSpec = Record<FreshsalesObject, FieldSpecRow[]>;

export const CREATE_AS: Record<FreshsalesFieldType, string> = {
  text: "Text field",
  paragraph: "Text area",
  number: "Number",
  date: "Date picker",
  datetime: "Date picker (with time)",
  checkbox: "Checkbox",
  dropdown: "Dropdown",
  multiselect: "Multiselect",
  email: "Text field",
  phone: "Text field",
  url: "Text field",
};

/** Freshsales-style API name: `cf_` + the label in snake_case (ASCII, digits allowed). */
export function apiNameFor(label: string): string {
  const snake = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 60)
    .replace(/_+$/, "");
  return `cf_${snake === "" || /^\d/.test(snake) ? `field_${snake}`.replace(/_$/, "") : snake}`;
}

function pct(n: number): string {
  return `${Math.round(n * 1000) / 10}%`;
}

function firstExample(a: FieldAnomaly): string {
  const e = a.examples[0];
  return e ? ` (e.g. "${e.value}" on record ${e.recordId})` : "";
}

const TYPE_NOTE: Partial<Record<FreshsalesFieldType, string>> = {
  number: "numeric strings such as \"1,250.00\" are written as numbers",
  date: "written as YYYY-MM-DD",
  datetime: "written as ISO-8601 in UTC; if the form offers no date-time type, create a Text field",
  checkbox: "true/false and yes/no are written as checked/unchecked",
  email: "a Text field holding an email address",
  phone: "a Text field holding a phone number",
  url: "a Text field holding a web address",
  multiselect: "each source array becomes the set of selected choices",
};

function anomalyNote(a: FieldAnomaly, type: FreshsalesFieldType): string {
  switch (a.kind) {
    case "mixed_types":
      return `${a.count} values of another shape or not fitting ${type}${firstExample(a)}; they are reported in the sample diff`;
    case "invalid_email":
    case "invalid_phone":
      return `${a.count} values fail ${a.kind === "invalid_email" ? "email" : "phone"} validation${firstExample(a)}`;
    case "invalid_date":
      return `${a.count} invalid or out-of-range dates${firstExample(a)}`;
    case "too_long":
      return `${a.count} values exceed the ${type === "paragraph" ? "65,535" : "255"}-character limit and need truncating`;
    case "control_chars":
      return `control characters (NUL...) are stripped from ${a.count} values`;
  }
}

export function profileNotes(p: FieldProfile & { notes?: string[] }): string {
  const parts: string[] = [];
  const typeNote = TYPE_NOTE[p.inferredType];
  if (typeNote) parts.push(typeNote);
  if (p.inferredType === "dropdown") parts.push(`${p.dropdownValues?.length ?? 0} choices, exactly as in the source`);
  if (p.filled > 0 && p.typeConfidence < 1) parts.push(`${pct(p.typeConfidence)} of values fit the type`);
  for (const a of p.anomalies) parts.push(anomalyNote(a, p.inferredType));
  if (p.sensitive) parts.push(`health data (${p.sensitivityReason ?? "flagged"}): restrict visibility; masked in logs and diffs`);
  for (const n of p.notes ?? []) parts.push(n);
  return parts.join("; ");
}

function migrationRows(object: FreshsalesObject, source: SourceObject, profiles: FieldProfile[]): FieldSpecRow[] {
  const fill = (path: string) => profiles.find((p) => p.path === path)?.fillRate ?? 1;
  const base = { freshsalesObject: object, dropdownValues: [], sensitive: false };
  return [
    {
      ...base, label: "VP ID", apiName: "cf_vp_id", type: "text", createAs: "Text field (mark Unique)",
      sourceField: `${source}.id`, fillRate: fill("id"), unique: true,
      notes: "Visual Practice id of the source record; writes are upserts keyed by it, so a retried write updates instead of duplicating",
    },
    {
      ...base, label: "VP Created At", apiName: "cf_vp_created_at", type: "datetime",
      createAs: CREATE_AS.datetime, sourceField: `${source}.created_at`, fillRate: fill("created_at"), unique: false,
      notes: "original creation time (ISO-8601 UTC); Freshsales sets its own created_at and does not accept one",
    },
    {
      ...base, label: "VP Updated At", apiName: "cf_vp_updated_at", type: "datetime",
      createAs: CREATE_AS.datetime, sourceField: `${source}.updated_at`, fillRate: fill("updated_at"), unique: false,
      notes: "original last-update time (ISO-8601 UTC); also the delta window's reference",
    },
  ];
}

export interface FieldSpecOptions {
  /** Non-custom source fields the mapping sends to a custom field, as "contact.lifecycle_status". */
  extraPaths?: string[];
}

export function buildFieldSpec(profiles: FieldProfile[], options: FieldSpecOptions = {}): FieldSpec {
  const extra = new Set(options.extraPaths ?? []);
  const spec = { Contact: [], Account: [], Deal: [] } as FieldSpec;
  for (const [source, object] of Object.entries(FRESHSALES_OBJECT_FOR) as [SourceObject, FreshsalesObject][]) {
    const own = profiles.filter((p) => p.object === source);
    const rows = migrationRows(object, source, own);
    const names = new Set(rows.map((r) => r.apiName));
    const labels = new Set(rows.map((r) => r.label.toLowerCase()));
    const wanted = own
      .filter((p) => p.isCustom || extra.has(`${source}.${p.path}`))
      .sort((a, b) => a.label.localeCompare(b.label) || a.path.localeCompare(b.path));
    for (const p of wanted) {
      // Freshsales needs unique labels per object; two source keys may share a label.
      let label = p.label;
      if (labels.has(label.toLowerCase())) label = `${p.label} (${p.key})`;
      labels.add(label.toLowerCase());
      let apiName = apiNameFor(label);
      for (let i = 2; names.has(apiName); i++) apiName = `${apiNameFor(label)}_${i}`;
      names.add(apiName);
      rows.push({
        freshsalesObject: object,
        label,
        apiName,
        type: p.inferredType,
        createAs: CREATE_AS[p.inferredType],
        dropdownValues: p.dropdownValues ?? [],
        sourceField: `${source}.${p.path}`,
        fillRate: p.fillRate,
        sensitive: p.sensitive,
        unique: false,
        notes: profileNotes(p),
      });
    }
    spec[object] = rows;
  }
  return spec;
}
