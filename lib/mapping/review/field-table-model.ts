/**
 * The review table's logic, kept out of the components so it is tested on its own: confidence
 * bands, filtering, what "undecided" means, what a row's target reads as, and the transform a
 * newly chosen target starts with.
 */
import type { DestinationField, FieldMapping, MappingDecision, TransformSpecInput } from "@/lib/mapping/schemas";

export type ConfidenceBand = "high" | "medium" | "low";
export const HIGH_CONFIDENCE = 0.9;

export function bandOf(confidence: number): ConfidenceBand {
  return confidence >= HIGH_CONFIDENCE ? "high" : confidence >= 0.6 ? "medium" : "low";
}

export interface FieldFilter {
  search: string;
  object: string | "all";
  band: ConfidenceBand | "all";
  status: FieldMapping["status"] | "undecided" | "all";
}

export const NO_FILTER: FieldFilter = { search: "", object: "all", band: "all", status: "all" };

export function targetText(m: Pick<FieldMapping, "decision" | "entity">): string {
  const d: MappingDecision = m.decision;
  switch (d.kind) {
    case "field":
      return `${m.entity}.${d.field}`;
    case "create_custom_field":
      return `new ${d.spec.type} field ${m.entity}.${d.spec.name}`;
    case "system":
      return `handled by the migration (${d.handling.replace(/_/g, " ")}${d.field ? `: ${d.field}` : ""})`;
    case "do_not_migrate":
      return "do not migrate";
  }
}

export function filterMappings(mappings: FieldMapping[], f: FieldFilter): FieldMapping[] {
  const words = f.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return mappings.filter((m) => {
    if (f.object !== "all" && m.source.object !== f.object) return false;
    if (f.band !== "all" && bandOf(m.confidence) !== f.band) return false;
    if (f.status === "undecided" && m.status !== "proposed") return false;
    if (f.status !== "undecided" && f.status !== "all" && m.status !== f.status) return false;
    if (words.length === 0) return true;
    const hay = `${m.source.object}.${m.source.path} ${m.source.label} ${targetText(m)} ${m.reason}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export interface FieldMapSummary {
  total: number;
  undecided: number;
  highUndecided: number;
  byStatus: Record<FieldMapping["status"], number>;
}

export function summarise(mappings: FieldMapping[]): FieldMapSummary {
  const byStatus: FieldMapSummary["byStatus"] = { proposed: 0, accepted: 0, edited: 0, rejected: 0 };
  let highUndecided = 0;
  for (const m of mappings) {
    byStatus[m.status]++;
    if (m.status === "proposed" && m.confidence >= HIGH_CONFIDENCE) highUndecided++;
  }
  return { total: mappings.length, undecided: byStatus.proposed, highUndecided, byStatus };
}

/** The transform a target of this type starts with; the current one is kept when the type can take it. */
export function transformForTarget(current: TransformSpecInput, type: DestinationField["type"], choices: string[] | undefined): TransformSpecInput {
  const fits: Record<string, string[]> = {
    text: ["none", "text", "phone", "date", "datetime", "amount", "number", "boolean"],
    paragraph: ["none", "text"],
    number: ["number", "amount"],
    date: ["date"],
    datetime: ["datetime"],
    checkbox: ["boolean"],
    dropdown: ["dropdown"],
    multiselect: ["multiselect"],
    email: ["none", "text"],
    phone: ["phone", "text", "none"],
    url: ["none", "text"],
    lookup: ["none"],
  };
  if ((fits[type] ?? ["none"]).includes(current.kind)) {
    if (current.kind === "dropdown" && choices) return { ...current, choices };
    return current;
  }
  switch (type) {
    case "number":
      return { kind: "number" };
    case "date":
      return { kind: "date" };
    case "datetime":
      return { kind: "datetime" };
    case "checkbox":
      return { kind: "boolean" };
    case "phone":
      return { kind: "phone" };
    case "dropdown":
      return { kind: "dropdown", valueMap: {}, choices: choices ?? [], onUnmapped: "error", unmapped: [], closest: [] };
    case "multiselect":
      return { kind: "multiselect", valueMap: {}, ...(choices ? { choices } : {}) };
    default:
      return { kind: "none" };
  }
}

/** Source values a dropdown transform knows about: mapped, unmapped and closest-guess ones. */
export function knownSourceValues(t: TransformSpecInput): string[] {
  if (t.kind !== "dropdown" && t.kind !== "multiselect") return [];
  const values = new Set<string>(Object.keys(t.valueMap ?? {}));
  if (t.kind === "dropdown") for (const v of [...(t.unmapped ?? []), ...(t.closest ?? [])]) values.add(v);
  return [...values].sort((a, b) => a.localeCompare(b));
}
