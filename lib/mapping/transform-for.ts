/** The value transform the engine proposes for a source field landing in a destination type. */
import type { FieldProfile } from "@/lib/inventory/types";
import type { DestinationFieldType, TransformSpecInput } from "./schemas";
import { sourceValues } from "./field-evidence";
import { proposeValueMap } from "./transforms/choices";
import { DEFAULT_PARAGRAPH_LIMIT, DEFAULT_TEXT_LIMIT } from "./transforms/text";

const MONEY = /amount|revenue|price|value|cost|fee|budget/i;

export interface TransformTarget {
  name: string;
  type: DestinationFieldType;
  choices?: string[];
  maxLength?: number;
}

export function transformFor(profile: FieldProfile, target: TransformTarget): TransformSpecInput {
  switch (target.type) {
    case "dropdown": {
      const choices = target.choices ?? [];
      const p = proposeValueMap(sourceValues(profile), choices);
      const closest = p.matches.filter((m) => m.kind === "closest").map((m) => m.value);
      return { kind: "dropdown", valueMap: p.valueMap, choices, onUnmapped: "error", unmapped: p.unmapped, closest };
    }
    case "multiselect": {
      const choices = target.choices;
      const valueMap = choices ? proposeValueMap(sourceValues(profile), choices).valueMap : {};
      return choices ? { kind: "multiselect", valueMap, choices } : { kind: "multiselect", valueMap };
    }
    case "date":
      return { kind: "date" };
    case "datetime":
      return { kind: "datetime" };
    case "number":
      return MONEY.test(target.name) || MONEY.test(profile.key) ? { kind: "amount", maxDecimals: 2 } : { kind: "number" };
    case "checkbox":
      return { kind: "boolean" };
    case "phone":
      return { kind: "phone", normalise: false };
    case "paragraph":
      return { kind: "text", maxLength: target.maxLength ?? DEFAULT_PARAGRAPH_LIMIT };
    case "text":
    case "email":
    case "url":
      return { kind: "text", maxLength: target.maxLength ?? DEFAULT_TEXT_LIMIT };
    case "lookup":
      return target.name === "currency_id" || target.name === "currency_code" ? { kind: "currency" } : { kind: "none" };
  }
}
