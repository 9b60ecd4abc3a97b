/**
 * A dropdown transform carries the destination's choice list as it was when the map was
 * proposed. The admin approves the value map (source value → choice), not that list: after
 * approval the Freshsales admin adds the choices the preflight asked for, and the engine must
 * accept source values that now match one of them exactly. So the approved map is read with
 * each dropdown/multiselect target's choices taken from the latest destination snapshot
 * (refreshed by every preflight and re-proposal). The stored draft, and so its approval hash,
 * are left as they are.
 */
import type { FsMetadata } from "@/lib/connectors/freshsales/metadata";
import type { FieldMapping } from "@/lib/mapping/schemas";
import { destinationFields } from "./destination-schema";

/** The Freshsales field a mapping writes, as the engine names it; null for none. */
function targetName(m: FieldMapping): string | null {
  const d = m.decision;
  if (d.kind === "field") return d.field;
  if (d.kind === "create_custom_field") return d.spec.name;
  return null;
}

/** `mappings` with dropdown and multiselect choices from `metadata`; a target it does not list keeps its own. */
export function withCurrentChoices(mappings: FieldMapping[], metadata: FsMetadata): FieldMapping[] {
  const current = new Map<string, string[]>();
  for (const f of destinationFields(metadata)) {
    if ((f.type === "dropdown" || f.type === "multiselect") && f.choices) current.set(`${f.entity}.${f.name}`, f.choices);
  }
  return mappings.map((m) => {
    const t = m.transform;
    if (t.kind !== "dropdown" && t.kind !== "multiselect") return m;
    const name = targetName(m);
    const choices = name === null ? undefined : current.get(`${m.entity}.${name}`);
    return choices ? { ...m, transform: { ...t, choices: [...choices] } } : m;
  });
}
