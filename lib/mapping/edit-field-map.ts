/**
 * Applying an admin's edits to a proposed map. Each edit is validated with zod and against the
 * destination schema, so the map an approval hashes can always land: no field that does not
 * exist, no destination field fed by two sources, no transform the target type cannot take.
 */
import { type DestinationField, type FieldMapping, type FieldMappingEdit, fieldMappingEditSchema } from "./schemas";
import { TRANSFORMS_FOR } from "./transforms-allowed";

export class FieldMapEditError extends Error {
  constructor(readonly mappingId: string, message: string) {
    super(`${mappingId}: ${message}`);
    this.name = "FieldMapEditError";
  }
}

function check(m: FieldMapping, all: FieldMapping[], destination: DestinationField[]): void {
  const d = m.decision;
  const target =
    d.kind === "field" ? destination.find((f) => f.entity === m.entity && f.name === d.field) : d.kind === "create_custom_field" ? { type: d.spec.type, name: d.spec.name } : undefined;
  if (d.kind === "field") {
    if (!target) throw new FieldMapEditError(m.id, `Freshsales ${m.entity} has no field \`${d.field}\``);
    const rival = all.find((o) => o.id !== m.id && o.entity === m.entity && o.status !== "rejected" && o.decision.kind === "field" && o.decision.field === d.field);
    if (rival) throw new FieldMapEditError(m.id, `\`${d.field}\` already receives ${rival.source.object}.${rival.source.path}`);
  }
  if (d.kind === "create_custom_field" && destination.some((f) => f.entity === m.entity && f.name === d.spec.name)) {
    throw new FieldMapEditError(m.id, `\`${d.spec.name}\` already exists in Freshsales ${m.entity}: map to it instead`);
  }
  if (target && !(TRANSFORMS_FOR[target.type] ?? []).includes(m.transform.kind)) {
    throw new FieldMapEditError(m.id, `a ${m.transform.kind} transform cannot write a ${target.type} field`);
  }
}

/** Applies edits in order; throws FieldMapEditError naming the mapping on the first bad one. */
export function applyFieldMapEdits(mappings: FieldMapping[], edits: unknown[], destination: DestinationField[]): FieldMapping[] {
  let out = mappings;
  for (const raw of edits) {
    const edit: FieldMappingEdit = fieldMappingEditSchema.parse(raw);
    const current = out.find((m) => m.id === edit.id);
    if (!current) throw new FieldMapEditError(edit.id, "no such mapping");
    if (current.decision.kind === "system" && edit.decision && edit.decision.kind !== "system") {
      throw new FieldMapEditError(edit.id, "system fields keep their dedicated handling; reject the mapping to leave the field out");
    }
    if (current.decision.kind !== "system" && edit.decision?.kind === "system") {
      throw new FieldMapEditError(edit.id, "only the migration's own system fields take dedicated handling");
    }
    const changed = edit.decision !== undefined || edit.transform !== undefined;
    const next: FieldMapping = {
      ...current,
      ...(edit.decision ? { decision: edit.decision } : {}),
      ...(edit.transform ? { transform: edit.transform } : {}),
      status: edit.status === "accepted" && changed ? "edited" : edit.status,
      proposedBy: changed ? "person" : current.proposedBy,
    };
    if (next.status !== "rejected") check(next, out, destination);
    out = out.map((m) => (m.id === next.id ? next : m));
  }
  return out;
}

/** True when every mapping has been looked at by a person: the gate the field-map approval needs. */
export function isFullyReviewed(mappings: FieldMapping[]): boolean {
  return mappings.every((m) => m.status !== "proposed");
}
