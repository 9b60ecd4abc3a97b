/**
 * Learning from the reviewer, the pure part: which edits of a field map are corrections worth
 * remembering, and how remembered corrections are offered first in the next proposal. The
 * store (correction-store.ts) keeps them per organisation.
 */
import type { FieldProfile } from "@/lib/inventory/types";
import { type DestinationField, type FieldMapping, type MappingDecision, transformSpecSchema } from "./schemas";
import { transformFor } from "./transform-for";

export interface LearnedCorrection {
  sourceObject: string;
  sourceKey: string;
  sourceLabel: string;
  entity: string;
  decision: MappingDecision;
  proposed: MappingDecision;
  learnedFromMigrationId: string;
}

/** Confidence of a correction offered again: the organisation's own reviewer chose it, yet a person still confirms. */
export const LEARNED_CONFIDENCE = 0.95;

/** The same column in the next export: path folded of accents, case and punctuation. */
export function correctionKey(path: string): string {
  return path.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9.]+/g, "_").replace(/^_+|_+$/g, "");
}

const same = (a: MappingDecision, b: MappingDecision) => JSON.stringify(a) === JSON.stringify(b);

/** Edits a reviewer made that changed what the engine proposed (system handling is never learned: it follows the object map). */
export function correctionsFrom(before: FieldMapping[], after: FieldMapping[], migrationId: string): LearnedCorrection[] {
  const was = new Map(before.map((m) => [m.id, m]));
  return after.flatMap((m) => {
    const old = was.get(m.id);
    if (!old || m.status !== "edited" || m.decision.kind === "system" || same(old.decision, m.decision)) return [];
    return [{ sourceObject: m.source.object, sourceKey: correctionKey(m.source.path), sourceLabel: m.source.label, entity: m.entity, decision: m.decision, proposed: old.decision, learnedFromMigrationId: migrationId }];
  });
}

function fits(d: MappingDecision, entity: string, destination: DestinationField[], taken: Set<string>): DestinationField | null | false {
  if (d.kind !== "field") return null;
  const field = destination.find((f) => f.entity === entity && f.name === d.field);
  return field && !taken.has(`${entity}:${field.name}`) ? field : false;
}

/**
 * Offers each remembered correction first: a still-proposed mapping of the same column and
 * entity takes the reviewer's decision, with the engine's own proposal kept as the reason's
 * second line. A correction whose field is gone from the destination, or already receives
 * another column, is not offered.
 */
export function offerCorrections(mappings: FieldMapping[], corrections: LearnedCorrection[], profiles: FieldProfile[], destination: DestinationField[]): FieldMapping[] {
  const byKey = new Map(corrections.map((c) => [`${c.sourceObject}|${c.sourceKey}|${c.entity}`, c]));
  const profileOf = new Map(profiles.map((p) => [`${p.object}.${p.path}`, p]));
  const taken = new Set(mappings.filter((m) => m.decision.kind === "field").map((m) => `${m.entity}:${(m.decision as { field: string }).field}`));
  return mappings.map((m) => {
    const c = byKey.get(`${m.source.object}|${correctionKey(m.source.path)}|${m.entity}`);
    const profile = profileOf.get(`${m.source.object}.${m.source.path}`);
    if (!c || !profile || m.status !== "proposed" || m.decision.kind === "system" || same(c.decision, m.decision)) return m;
    const own = m.decision.kind === "field" ? `${m.entity}:${m.decision.field}` : null;
    if (own) taken.delete(own);
    const field = fits(c.decision, m.entity, destination, taken);
    if (field === false) {
      if (own) taken.add(own);
      return m;
    }
    if (field) taken.add(`${m.entity}:${field.name}`);
    const transform =
      field ? transformSpecSchema.parse(transformFor(profile, field)) : c.decision.kind === "create_custom_field" ? transformSpecSchema.parse(transformFor(profile, { name: c.decision.spec.name, type: c.decision.spec.type, ...(c.decision.spec.choices ? { choices: c.decision.spec.choices } : {}) })) : { kind: "none" as const };
    return {
      ...m,
      decision: c.decision,
      transform,
      confidence: LEARNED_CONFIDENCE,
      reason: `your reviewer's correction in an earlier migration of this organisation ("${c.sourceLabel}"); the engine proposed: ${m.reason}`,
      proposedBy: "person" as const,
      alternatives: m.decision.kind === "field" ? [{ field: m.decision.field, confidence: m.confidence }, ...m.alternatives].slice(0, 3) : m.alternatives,
    };
  });
}
