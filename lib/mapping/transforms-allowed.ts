/**
 * Transforms each destination field type can take. The field-map editor refuses others and the
 * preflight flags them, from this one table, so the two cannot disagree.
 */
export const TRANSFORMS_FOR: Record<string, readonly string[]> = {
  text: ["none", "text", "phone", "date", "datetime", "amount", "number", "boolean", "multiselect", "currency"],
  paragraph: ["none", "text"],
  number: ["none", "number", "amount"],
  date: ["none", "date"],
  datetime: ["none", "datetime"],
  checkbox: ["none", "boolean"],
  dropdown: ["none", "dropdown"],
  multiselect: ["none", "multiselect"],
  email: ["none", "text"],
  phone: ["none", "phone", "text"],
  url: ["none", "text"],
  lookup: ["none", "currency"],
};
