/** Freshsales field types a custom field can have (the ones the inventory can infer for a source field). */
export const FRESHSALES_FIELD_TYPES = [
  "text",
  "paragraph",
  "number",
  "date",
  "datetime",
  "checkbox",
  "dropdown",
  "multiselect",
  "email",
  "phone",
  "url",
] as const;
export type FreshsalesFieldType = (typeof FRESHSALES_FIELD_TYPES)[number];
