/** Dropdown and multiselect values, through the admin-confirmed value map. */
import { matchChoice } from "./choices";
import { type TransformContext, type TransformResult, fail, isEmpty, ok, preview, warn } from "./result";

export interface DropdownOptions {
  valueMap: Record<string, string>;
  choices: string[];
  onUnmapped: "error" | "empty";
}

function pick(value: string, valueMap: Record<string, string>, choices: string[]): string | null {
  const mapped = valueMap[value];
  if (mapped !== undefined) return mapped;
  // Only exact and normalised matches apply at run time; a "closest" guess needs the admin's yes in the map.
  const m = matchChoice(value, choices);
  return m.kind === "exact" || m.kind === "normalised" ? m.choice : null;
}

export function toDropdown(value: unknown, options: DropdownOptions, ctx: TransformContext): TransformResult<string | null> {
  if (isEmpty(value)) return ok(null);
  const s = String(value).trim();
  const choice = pick(s, options.valueMap, options.choices);
  if (choice !== null) return ok(choice);
  if (options.onUnmapped === "empty") {
    return ok(null, [warn(ctx, "value_unmapped", `"${preview(s)}" has no destination choice; field left empty`)]);
  }
  return fail(ctx, `"${preview(s)}" is not a choice of the destination field and is not in the value map`);
}

export interface MultiselectOptions {
  valueMap: Record<string, string>;
  /** When given, every label must be one of them. */
  choices?: string[];
}

export function toMultiselect(value: unknown, options: MultiselectOptions, ctx: TransformContext): TransformResult<string | null> {
  if (isEmpty(value)) return ok(null);
  const items = Array.isArray(value) ? value.map((v) => String(v)) : String(value).split(/[;,|]/);
  const labels: string[] = [];
  for (const raw of items.map((i) => i.trim()).filter((i) => i.length > 0)) {
    const label = options.choices ? pick(raw, options.valueMap, options.choices) : (options.valueMap[raw] ?? raw);
    if (label === null) return fail(ctx, `"${preview(raw)}" is not a choice of the destination field`);
    if (label.includes(";")) return fail(ctx, `"${preview(label)}" contains ";", the multiselect separator`);
    if (!labels.includes(label)) labels.push(label);
  }
  return ok(labels.length > 0 ? labels.join(";") : null);
}
