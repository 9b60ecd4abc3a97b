/**
 * The inventory's description of one source field, produced by profiling extracted records
 * and consumed by the mapping engine, the field-creation spec and the inventory page.
 */

// The destination's field types are the connector's vocabulary; the inventory infers one per field.
import type { FreshsalesFieldType } from "@/lib/connectors/freshsales/field-types";
export { FRESHSALES_FIELD_TYPES, type FreshsalesFieldType } from "@/lib/connectors/freshsales/field-types";

/** Source objects (Visual Practice collections, singular). */
export const SOURCE_OBJECTS = [
  "user",
  "company",
  "contact",
  "pipeline",
  "deal",
  "activity",
  "attachment",
  "product",
] as const;
export type SourceObject = (typeof SOURCE_OBJECTS)[number];

/** The source object each staged collection holds (the ledger's and the map's vocabulary meet here). */
export const OBJECT_OF_COLLECTION: Record<string, SourceObject> = {
  companies: "company",
  contacts: "contact",
  deals: "deal",
  activities: "activity",
  attachments: "attachment",
  products: "product",
};

export type AnomalyKind =
  | "mixed_types"
  | "invalid_email"
  | "invalid_phone"
  | "invalid_date"
  | "too_long"
  | "control_chars";

export interface FieldAnomaly {
  kind: AnomalyKind;
  count: number;
  /** A few offending values, each with the record it came from. */
  examples: { recordId: string; value: string }[];
}

export interface FieldProfile {
  object: SourceObject;
  /** Dotted path in the source record: "email", "address.city", "custom_properties.hcn". */
  path: string;
  /** Last path segment, e.g. "hcn". */
  key: string;
  /** Label from the custom-properties catalogue, otherwise the key made readable. */
  label: string;
  /** True for keys under `custom_properties`. */
  isCustom: boolean;
  inferredType: FreshsalesFieldType;
  /** Share (0..1) of non-empty values consistent with `inferredType`. */
  typeConfidence: number;
  /** Records seen, records where the field is non-empty, and their ratio. */
  total: number;
  filled: number;
  fillRate: number;
  /** Distinct non-empty values (exact up to a cap; `distinctCapped` when the cap was hit). */
  distinct: number;
  distinctCapped: boolean;
  /** Most frequent values, at most 20, most frequent first. */
  topValues: { value: string; count: number }[];
  /** Up to 5 example values. */
  samples: string[];
  /** For dropdown and multiselect: every value seen (the picklist to create). */
  dropdownValues?: string[];
  /** Longest value seen, in characters. */
  maxLength: number;
  /** Counts of value shapes seen: { string: 90, number: 8, boolean: 0, array: 0, object: 0 }. */
  shapes: Record<"string" | "number" | "boolean" | "array" | "object", number>;
  anomalies: FieldAnomaly[];
  /** Health data (health card numbers, dates of birth, diagnoses...): masked unless revealed. */
  sensitive: boolean;
  sensitivityReason?: string;
}

/** An entry of the Visual Practice custom-properties catalogue. */
export interface CatalogueEntry {
  key: string;
  label: string;
  /** When present, the entry applies only to this object. */
  object?: string;
}

/** A FieldProfile with the inventory's free-text observations (catalogue gaps, caps hit...). */
export interface InventoryFieldProfile extends FieldProfile {
  notes: string[];
  /** For custom properties, when a catalogue was given: whether it lists the key. */
  inCatalogue?: boolean;
}
