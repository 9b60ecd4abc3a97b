/**
 * What a field's values say about a candidate destination: type compatibility, picklist
 * overlap, and the words the reason line uses to describe the values.
 */
import type { FieldProfile, FreshsalesFieldType } from "@/lib/inventory/types";
import type { DestinationField, DestinationFieldType } from "./schemas";
import { proposeValueMap } from "./transforms/choices";

/** 1 = same type; lower = the values fit with a conversion or a risk; ~0.4 = they do not fit. */
export function typeFit(profile: FieldProfile, dest: DestinationFieldType): number {
  const src = profile.inferredType;
  if (src === dest) return 1;
  switch (dest) {
    case "text":
      if (src === "paragraph") return profile.maxLength <= 255 ? 0.95 : 0.75;
      if (src === "date" || src === "datetime" || src === "checkbox" || src === "multiselect") return 0.85;
      return 0.95;
    case "paragraph":
      return src === "text" ? 1 : 0.9;
    case "number":
      return src === "dropdown" && profile.topValues.every((v) => /^-?\d+(\.\d+)?$/.test(v.value)) ? 0.9 : 0.4;
    case "date":
      return src === "datetime" ? 0.9 : 0.4;
    case "datetime":
      return src === "date" ? 0.95 : 0.4;
    case "dropdown":
      if (src === "text" && profile.distinct <= 50) return 0.9;
      return src === "checkbox" ? 0.8 : 0.6;
    case "multiselect":
      return src === "dropdown" ? 0.9 : src === "text" ? 0.7 : 0.5;
    case "checkbox":
      return src === "dropdown" && profile.distinct <= 3 ? 0.8 : 0.4;
    case "email":
      return src === "text" ? 0.6 : 0.4;
    case "phone":
      return src === "text" || src === "number" ? 0.8 : 0.4;
    case "url":
      return src === "text" ? 0.7 : 0.4;
    case "lookup":
      return 0.5;
  }
}

export function sourceValues(profile: FieldProfile): string[] {
  return profile.dropdownValues ?? profile.topValues.map((v) => v.value);
}

/** Share of the source's values that are already choices of the destination field, or null. */
export function choiceOverlap(profile: FieldProfile, dest: DestinationField): { overlap: number; matched: number; total: number } | null {
  if (!dest.choices || dest.choices.length === 0) return null;
  const values = sourceValues(profile);
  if (values.length === 0) return null;
  const p = proposeValueMap(values, dest.choices);
  return { overlap: p.overlap, matched: Math.round(p.overlap * values.length), total: values.length };
}

const TYPE_WORDS: Record<FreshsalesFieldType, string> = {
  text: "short texts",
  paragraph: "long texts",
  number: "numbers",
  date: "dates",
  datetime: "timestamps",
  checkbox: "yes/no values",
  dropdown: "picklist values",
  multiselect: "multi-select lists",
  email: "email addresses",
  phone: "phone numbers",
  url: "web addresses",
};

/** "98% of values are short titles (up to 42 characters), filled on 87% of records". */
export function describeValues(profile: FieldProfile): string {
  if (profile.filled === 0) return `never filled in ${profile.total} records`;
  const pct = Math.round(profile.typeConfidence * 100);
  let what = TYPE_WORDS[profile.inferredType];
  if (profile.inferredType === "text") what += ` (up to ${profile.maxLength} characters)`;
  if (profile.inferredType === "dropdown" || profile.inferredType === "multiselect") what = `one of ${profile.distinct} ${what}`;
  return `${pct}% of values are ${what}, filled on ${Math.round(profile.fillRate * 100)}% of records`;
}

export function typeNote(profile: FieldProfile, dest: DestinationFieldType, fit: number): string {
  return fit >= 1 ? "" : `; ${profile.inferredType} values into a ${dest} field${fit < 0.7 ? " (poor fit: check the values)" : ""}`;
}
