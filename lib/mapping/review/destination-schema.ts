/**
 * The destination as the mapping engine sees it, built from the connector's metadata. Only
 * contacts, accounts and deals have readable field settings; the other entities the map can
 * target have fixed, documented fields (listed here) and take no custom fields.
 */
import type { FsField, FsMetadata } from "@/lib/connectors/freshsales/metadata";
import type { FsEntity } from "@/lib/connectors/freshsales/wire";
import type { DestinationOwner } from "@/lib/mapping/owner-resolution";
import type { DestinationEntity, DestinationField, DestinationFieldType } from "@/lib/mapping/schemas";
import type { DestinationPipeline, ForecastCategory } from "@/lib/mapping/stage-map";

export const READABLE_ENTITIES: Record<FsEntity, DestinationEntity> = { contact: "contacts", sales_account: "sales_accounts", deal: "deals" };
const FS_ENTITY_OF: Partial<Record<DestinationEntity, FsEntity>> = { contacts: "contact", sales_accounts: "sales_account", deals: "deal" };

export function fsEntityOf(entity: DestinationEntity): FsEntity | undefined {
  return FS_ENTITY_OF[entity];
}

type Row = [name: string, label: string, type: DestinationFieldType, required?: boolean];

const FIXED: Partial<Record<DestinationEntity, Row[]>> = {
  tasks: [
    ["title", "Title", "text", true],
    ["description", "Description", "paragraph"],
    ["due_date", "Due date", "datetime", true],
    ["owner_id", "Owner", "lookup"],
    ["task_type_id", "Task type", "lookup"],
    ["outcome_id", "Outcome", "lookup"],
    ["status", "Status", "number"],
    ["targetable_id", "Related to", "lookup"],
    ["targetable_type", "Related to type", "lookup"],
  ],
  appointments: [
    ["title", "Title", "text", true],
    ["description", "Description", "paragraph"],
    ["from_date", "Start date", "datetime", true],
    ["end_date", "End date", "datetime", true],
    ["time_zone", "Time zone", "text"],
    ["location", "Location", "text"],
    ["is_allday", "All day", "checkbox"],
    ["owner_id", "Owner", "lookup"],
    ["targetable_id", "Related to", "lookup"],
    ["targetable_type", "Related to type", "lookup"],
    ["appointment_attendees_attributes", "Attendees", "lookup"],
  ],
  notes: [
    ["description", "Description", "paragraph", true],
    ["targetable_id", "Related to", "lookup"],
    ["targetable_type", "Related to type", "lookup"],
  ],
  products: [
    ["name", "Name", "text", true],
    ["description", "Description", "paragraph"],
    ["product_code", "Product code", "text"],
    ["unit_price", "Unit price", "number"],
    ["currency_code", "Currency", "lookup"],
    ["is_active", "Active", "checkbox"],
  ],
};

export function isReadableEntity(entity: DestinationEntity): boolean {
  return FS_ENTITY_OF[entity] !== undefined;
}

function toDestinationField(entity: DestinationEntity, f: FsField): DestinationField {
  const choices = f.choices.map((c) => c.value);
  return {
    entity,
    name: f.name,
    label: f.label,
    type: f.type ?? "lookup",
    required: f.required,
    isCustom: f.custom,
    ...(choices.length > 0 || f.type === "dropdown" || f.type === "multiselect" ? { choices } : {}),
  };
}

/** Every field the map can target: read ones for contacts, accounts, deals (and leads, as contacts), fixed ones for the rest. */
export function destinationFields(meta: FsMetadata): DestinationField[] {
  const out: DestinationField[] = [];
  for (const [fsEntity, entity] of Object.entries(READABLE_ENTITIES) as [FsEntity, DestinationEntity][]) {
    out.push(...(meta.fields[fsEntity] ?? []).map((f) => toDestinationField(entity, f)));
  }
  // A Lead (classic Leads module) has a contact's fields, with a single `email`.
  for (const f of meta.fields.contact ?? []) {
    const lead = toDestinationField("leads", f);
    out.push(f.name === "emails" ? { ...lead, name: "email" } : lead);
  }
  for (const [entity, rows] of Object.entries(FIXED) as [DestinationEntity, Row[]][]) {
    for (const [name, label, type, required] of rows) out.push({ entity, name, label, type, required: required ?? false, isCustom: false });
  }
  return out;
}

const FORECAST: Record<string, ForecastCategory> = { won: "closed", lost: "omitted" };

export function destinationPipelines(meta: FsMetadata): DestinationPipeline[] {
  return meta.pipelines.map((p) => ({
    id: p.id,
    name: p.name,
    isDefault: p.isDefault,
    stages: p.stages.map((s) => {
      const outcome = s.forecastType?.toLowerCase();
      return {
        id: s.id,
        name: s.name,
        ...(s.position !== undefined ? { position: s.position } : {}),
        probability: s.probability ?? null,
        ...(outcome && FORECAST[outcome] ? { forecastCategory: FORECAST[outcome] } : {}),
        ...(outcome ? { isWon: outcome === "won", isLost: outcome === "lost" } : {}),
      };
    }),
  }));
}

export function destinationOwners(meta: FsMetadata): DestinationOwner[] {
  return meta.owners.flatMap((o) => (o.email ? [{ id: o.id, email: o.email, display_name: o.name, is_active: o.active }] : []));
}
