/**
 * proposeFieldMap: one proposal per source field and destination entity, each with a
 * confidence and a one-line reason. Documented standard fields follow the seed's object map;
 * everything else is matched by meaning, and what has no home becomes a custom field (on the
 * entities that take them; elsewhere it is left out, for a person to confirm).
 */
import type { FieldProfile, SourceObject } from "@/lib/inventory/types";
import { HANDLED_ELSEWHERE, type ObjectMapOptions, SYSTEM_CUSTOM_FIELDS, TAKES_CUSTOM_FIELDS, entitiesFor, standardTarget } from "./default-object-map";
import { describeValues, typeFit, typeNote } from "./field-evidence";
import { type Candidate, EntityMatcher } from "./score-candidates";
import type { CustomFieldSpec, DestinationEntity, DestinationField, FieldMapping, MappingDecision, TransformSpecInput } from "./schemas";
import { transformSpecSchema } from "./schemas";
import { transformFor } from "./transform-for";
import type { EvidenceContext } from "./value-evidence";

export interface ProposeOptions extends ObjectMapOptions {
  /** Lowest candidate score proposed as a mapping to an existing field. */
  mapThreshold?: number;
  /** What the inventory knows beyond each profile (users, companies, stages), read as evidence. */
  evidence?: EvidenceContext;
}

export interface HandledElsewhere {
  object: SourceObject;
  path: string;
  handledBy: "owner_resolution" | "stage_map" | "routing";
  reason: string;
}

export interface FieldMapProposal {
  mappings: FieldMapping[];
  handledElsewhere: HandledElsewhere[];
}

const MATCH_WORDS: Record<Candidate["name"]["kind"], string> = {
  same_concept: "same meaning as",
  same_words: "same name as",
  same_core: "same name as",
  acronym: "initials of",
  partial: "partly matches",
  none: "values match",
};

/** A candidate this close, of a compatible type, keeps a "create" proposal out of the bulk accept. */
export const WITHIN_REACH = 0.25;
export const CREATE_NEAR_CAP = 0.78;
/** Where an entity takes no custom fields, a same-type candidate this close is proposed rather than dropping the data. */
const NEAREST_WHERE_NO_CUSTOM = 0.25;

export function customFieldName(key: string, taken: Set<string>): string {
  const slug = key.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "") || "field";
  let name = `cf_${slug}`.slice(0, 60);
  for (let i = 2; taken.has(name); i++) name = `cf_${slug}`.slice(0, 56) + `_${i}`;
  taken.add(name);
  return name;
}

interface Draft {
  decision: MappingDecision;
  confidence: number;
  reason: string;
  transform: TransformSpecInput;
  alternatives: { field: string; confidence: number }[];
}

function valueNote(t: TransformSpecInput): string {
  if (t.kind !== "dropdown") return "";
  const list = (xs: string[]) => xs.slice(0, 5).map((x) => JSON.stringify(x)).join(", ") + (xs.length > 5 ? ", …" : "");
  const n = (xs: string[]) => (xs.length === 1 ? "1 value" : `${xs.length} values`);
  const unmapped = t.unmapped?.length ? `; ${n(t.unmapped)} without a Freshsales choice yet (${list(t.unmapped)})` : "";
  const closest = t.closest?.length ? `; ${n(t.closest)} matched to the closest choice, check (${list(t.closest)})` : "";
  return unmapped + closest;
}

function finish(profile: FieldProfile, entity: DestinationEntity, d: Draft): FieldMapping {
  const sensitiveNote = profile.sensitive ? `; sensitive (${profile.sensitivityReason ?? "health data"}): masked in logs and diffs` : "";
  return {
    id: `${profile.object}.${profile.path}->${entity}`,
    source: { object: profile.object, path: profile.path, label: profile.label, isCustom: profile.isCustom },
    entity,
    decision: d.decision,
    confidence: Math.round(d.confidence * 100) / 100,
    reason: d.reason + (d.decision.kind === "field" ? valueNote(d.transform) : "") + sensitiveNote,
    status: "proposed",
    transform: transformSpecSchema.parse(d.transform),
    sensitive: profile.sensitive,
    ...(profile.sensitivityReason ? { sensitivityReason: profile.sensitivityReason } : {}),
    alternatives: d.alternatives,
    proposedBy: "rules",
  };
}

function fieldDraft(profile: FieldProfile, field: DestinationField, c: Candidate | null, others: Candidate[]): Draft {
  const fit = c?.fit ?? typeFit(profile, field.type);
  const target = `Freshsales \`${field.name}\` (${field.label})`;
  let reason: string;
  let confidence: number;
  if (c === null) {
    confidence = fit >= 0.8 ? 0.97 : 0.85;
    reason = `standard field: ${target}; ${describeValues(profile)}${typeNote(profile, field.type, fit)}`;
  } else {
    confidence = c.score;
    const folds = c.name.folds.length > 0 ? ` (read ${c.name.folds.join(", ")})` : "";
    const overlap = c.overlap && c.overlap.total >= 3 ? `; ${c.overlap.matched} of ${c.overlap.total} values are existing choices` : "";
    const evidence = c.evidence.map((e) => `; ${e}`).join("");
    const qualified = c.name.qualifiers?.length ? ` (a ${c.name.qualifiers.join(" ")} variant: check there is no other)` : "";
    const lead = c.name.score > 0 ? `${MATCH_WORDS[c.name.kind]} ${target}${folds}${qualified}` : `values point at ${target}`;
    // A lookup's type note ("text values into a lookup field") says nothing the evidence does not.
    const note = field.type === "lookup" ? "" : typeNote(profile, field.type, fit);
    reason = `${lead}${evidence}; ${describeValues(profile)}${overlap}${note}`;
  }
  return {
    decision: { kind: "field", field: field.name },
    confidence,
    reason,
    transform: transformFor(profile, field),
    alternatives: others.filter((o) => o.field.name !== field.name).slice(0, 3).map((o) => ({ field: o.field.name, confidence: Math.round(o.score * 100) / 100 })),
  };
}

/** Value types distinctive enough that a free standard field of the type may be the column's home. */
const DISTINCT_TYPES = new Set(["phone", "email", "url"]);

function createDraft(profile: FieldProfile, entity: DestinationEntity, cands: Candidate[], takenBy: string | undefined, names: Set<string>, free?: DestinationField): Draft {
  const best = cands[0];
  const mixed = profile.typeConfidence < 0.8;
  const type = mixed ? "text" : profile.inferredType;
  const spec: CustomFieldSpec = { name: customFieldName(profile.key, names), label: profile.label.slice(0, 255), type };
  if ((type === "dropdown" || type === "multiselect") && profile.dropdownValues) spec.choices = [...profile.dropdownValues];
  const bestScore = best?.score ?? 0;
  // A partial name overlap means an extra word tells the fields apart ("billing city"), which
  // argues for a new field; a same-meaning candidate that fell short (type misfit) argues against.
  const strong = cands.find((c) => c.name.kind !== "partial" && c.name.kind !== "none")?.score ?? 0;
  let confidence = strong < 0.2 ? (bestScore < 0.2 ? 0.88 : 0.85) : Math.max(0.4, 0.88 - (strong - 0.2) * 1.2);
  // Calibration (checked on the labelled fixtures by field-map-quality.test.ts): a new field is
  // never proposed for the bulk accept while an existing field of a compatible type is within reach.
  const reachable = cands.find((c) => c.score >= WITHIN_REACH && c.fit >= 0.7);
  if (reachable) confidence = Math.min(confidence, CREATE_NEAR_CAP);
  let near = "";
  // The only phone column of an account whose phone field no other column fills ("Reception line")
  // may well be that field under a name the vocabulary lacks: a person decides.
  if (!reachable && free && !takenBy) {
    confidence = Math.min(confidence, CREATE_NEAR_CAP);
    near = `; Freshsales \`${free.name}\` (${free.label}) takes ${free.type} values and receives no other column: check`;
  }
  if (best && takenBy && best.name.qualifiers?.length) {
    // "Billing City" beside a plain city that already has its field: a second field is the answer.
    confidence = 0.85;
    near = `; a ${best.name.qualifiers.join(" ")} variant of Freshsales \`${best.field.name}\`, which receives ${takenBy}`;
  } else if (best && takenBy) {
    confidence = Math.min(confidence, 0.6);
    near = `; Freshsales \`${best.field.name}\` would fit but already receives ${takenBy}`;
  } else if (best && bestScore >= 0.25) {
    const misfit = best.fit < 0.7 ? `, a ${best.field.type} field: ${profile.inferredType} values do not fit` : "";
    near = `; nearest is \`${best.field.name}\` (${Math.round(bestScore * 100)}%${misfit})`;
  }
  const typeWhy = mixed ? `mixed value types (${Math.round(profile.typeConfidence * 100)}% ${profile.inferredType}), kept as text` : describeValues(profile);
  return {
    decision: { kind: "create_custom_field", spec },
    confidence,
    reason: `no ${entity} field means "${profile.label}"${near}; create ${type} field \`${spec.name}\`${spec.choices ? ` with ${spec.choices.length} choices` : ""}: ${typeWhy}`,
    transform: transformFor(profile, { name: spec.name, type, ...(spec.choices ? { choices: spec.choices } : {}) }),
    alternatives: cands.slice(0, 3).map((o) => ({ field: o.field.name, confidence: Math.round(o.score * 100) / 100 })),
  };
}

/** Below the bulk accept: the reading rests on the export's other column, not on this one's name. */
const OTHER_HALF = 0.75;

/**
 * A person's bare "Name" column ("Nom", "Nombre") is whichever half of the name the export does
 * not otherwise have: the last name beside a first-name column, the first name beside a last-name one.
 */
function otherHalfOfName(p: FieldProfile, matcher: EntityMatcher, taken: Map<string, string>, byName: Map<string, DestinationField>): { field: string; draft: Draft } | undefined {
  if (p.filled === 0 || (p.inferredType !== "text" && p.inferredType !== "paragraph")) return undefined;
  const bare = matcher.describeSource(p).some((d) => d.set.size === 1 && d.set.has("name") && d.words.every((w) => w.via === "exact"));
  if (!bare) return undefined;
  const [first, last] = [taken.get("first_name"), taken.get("last_name")];
  const field = first && !last ? byName.get("last_name") : last && !first ? byName.get("first_name") : undefined;
  if (!field) return undefined;
  const beside = first ? `the first name (${first})` : `the last name (${last})`;
  const draft = fieldDraft(p, field, null, []);
  return { field: field.name, draft: { ...draft, confidence: OTHER_HALF, reason: `a bare name beside ${beside}: the other half, Freshsales \`${field.name}\` (${field.label}); ${describeValues(p)}` } };
}

function proposeForEntity(profiles: FieldProfile[], entity: DestinationEntity, destination: DestinationField[], threshold: number, evidence: EvidenceContext): FieldMapping[] {
  const fields = destination.filter((f) => f.entity === entity);
  const byName = new Map(fields.map((f) => [f.name, f]));
  const names = new Set([...fields.map((f) => f.name), ...Object.keys(SYSTEM_CUSTOM_FIELDS)]);
  const matcher = new EntityMatcher(entity, fields, evidence);
  const taken = new Map<string, string>();
  const drafts = new Map<FieldProfile, Draft>();
  const pending: FieldProfile[] = [];

  for (const p of profiles) {
    const st = standardTarget(entity, p.path, p.isCustom);
    const field = st?.kind === "field" ? byName.get(st.field) : undefined;
    if (st?.kind === "field" && field) {
      drafts.set(p, fieldDraft(p, field, null, []));
      taken.set(field.name, `\`${p.path}\``);
    } else if (st?.kind === "system") {
      const missing = st.field?.startsWith("cf_") && !byName.has(st.field) ? SYSTEM_CUSTOM_FIELDS[st.field] : undefined;
      const spec = missing ? { ...missing } : undefined;
      // Marker and timestamp fields take the value as it is typed; relations and owners are resolved elsewhere.
      const own = st.handling === "timestamp" || st.handling === "source_id" ? (spec ?? (st.field ? byName.get(st.field) : undefined)) : undefined;
      drafts.set(p, {
        decision: { kind: "system", handling: st.handling, ...(st.field ? { field: st.field } : {}), ...(spec ? { createsField: spec } : {}) },
        confidence: 0.99,
        reason: st.reason + (spec ? `; \`${spec.name}\` must be created first` : ""),
        transform: own ? transformFor(p, own) : { kind: "none" },
        alternatives: [],
      });
    } else if (st?.kind === "skip") {
      drafts.set(p, { decision: { kind: "do_not_migrate" }, confidence: 0.95, reason: st.reason, transform: { kind: "none" }, alternatives: [] });
    } else pending.push(p);
  }

  const cands = new Map(pending.map((p) => [p, matcher.candidates(p)]));
  const pairs = pending.flatMap((p) => (cands.get(p) ?? []).map((c) => ({ p, c }))).filter(({ c }) => c.score >= threshold);
  pairs.sort((a, b) => b.c.score - a.c.score);
  for (const { p, c } of pairs) {
    if (drafts.has(p) || taken.has(c.field.name)) continue;
    drafts.set(p, fieldDraft(p, c.field, c, cands.get(p) ?? []));
    taken.set(c.field.name, `\`${p.path}\``);
  }
  for (const p of pending) {
    if (drafts.has(p)) continue;
    const half = otherHalfOfName(p, matcher, taken, byName);
    if (half) {
      drafts.set(p, half.draft);
      taken.set(half.field, `\`${p.path}\``);
      continue;
    }
    const list = cands.get(p) ?? [];
    if (p.filled === 0) {
      drafts.set(p, { decision: { kind: "do_not_migrate" }, confidence: 0.9, reason: `${describeValues(p)}: nothing to migrate`, transform: { kind: "none" }, alternatives: [] });
      continue;
    }
    const top = list[0];
    const takenBy = top && top.score >= threshold ? taken.get(top.field.name) : undefined;
    if (!TAKES_CUSTOM_FIELDS.has(entity) && top && !takenBy && top.score >= NEAREST_WHERE_NO_CUSTOM && top.fit >= 0.9) {
      // Where no custom field can be made, the nearest standard field of the same type beats
      // leaving the data out; at a confidence that asks a person to look.
      const draft = fieldDraft(p, top.field, top, list);
      drafts.set(p, { ...draft, confidence: 0.55, reason: `nearest standard field, as Freshsales ${entity} take no custom fields: ${draft.reason}` });
      taken.set(top.field.name, `\`${p.path}\``);
      continue;
    }
    if (!TAKES_CUSTOM_FIELDS.has(entity)) {
      // Below 0.9 on purpose: leaving data out is for a person to confirm, not for the bulk accept.
      const near = top ? `; nearest is \`${top.field.name}\` (${Math.round(top.score * 100)}%)${takenBy ? `, which already receives ${takenBy}` : ""}` : "";
      drafts.set(p, {
        decision: { kind: "do_not_migrate" },
        confidence: 0.85,
        reason: `no ${entity} field means "${p.label}" and Freshsales ${entity} take no custom fields: left out unless you choose a standard field${near}; ${describeValues(p)}`,
        transform: { kind: "none" },
        alternatives: list.slice(0, 3).map((o) => ({ field: o.field.name, confidence: Math.round(o.score * 100) / 100 })),
      });
      continue;
    }
    const free = DISTINCT_TYPES.has(p.inferredType) ? fields.find((f) => f.type === p.inferredType && !f.isCustom && !taken.has(f.name)) : undefined;
    drafts.set(p, createDraft(p, entity, list, takenBy, names, free));
  }
  return profiles.map((p) => finish(p, entity, drafts.get(p) as Draft));
}

export function proposeFieldMap(profiles: FieldProfile[], destination: DestinationField[], options: ProposeOptions = {}): FieldMapProposal {
  const threshold = options.mapThreshold ?? 0.5;
  const mappings: FieldMapping[] = [];
  const handledElsewhere: HandledElsewhere[] = [];
  const objects = [...new Set(profiles.map((p) => p.object))];
  for (const object of objects) {
    const own = profiles.filter((p) => p.object === object);
    const elsewhere = HANDLED_ELSEWHERE[object];
    if (elsewhere) {
      for (const p of own) handledElsewhere.push({ object, path: p.path, handledBy: elsewhere.by, reason: elsewhere.reason });
      continue;
    }
    for (const entity of entitiesFor(object, options)) mappings.push(...proposeForEntity(own, entity, destination, threshold, options.evidence ?? {}));
  }
  return { mappings, handledElsewhere };
}

/** The field-creation spec per entity: every custom field the confirmed map needs created. */
export function customFieldsToCreate(mappings: FieldMapping[]): Partial<Record<DestinationEntity, CustomFieldSpec[]>> {
  const out: Partial<Record<DestinationEntity, CustomFieldSpec[]>> = {};
  for (const m of mappings) {
    if (m.status === "rejected") continue;
    const spec = m.decision.kind === "create_custom_field" ? m.decision.spec : m.decision.kind === "system" ? m.decision.createsField : undefined;
    if (!spec) continue;
    const list = (out[m.entity] ??= []);
    if (!list.some((s) => s.name === spec.name)) list.push(spec);
  }
  return out;
}
