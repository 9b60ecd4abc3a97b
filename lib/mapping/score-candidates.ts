/**
 * Scores every destination field of one entity as a home for one source field: name meaning
 * (vocabulary plus fuzzy folds), value type fit, picklist overlap, and what the values say
 * beyond their type (value-evidence.ts).
 */
import type { FieldProfile } from "@/lib/inventory/types";
import { choiceOverlap, typeFit } from "./field-evidence";
import { Lexicon, type NameDescription, type NameMatch, acronymMatch, compareNames, rawTokens } from "./name-similarity";
import type { DestinationEntity, DestinationField } from "./schemas";
import { type EvidenceContext, valueEvidence } from "./value-evidence";
import { CONCEPT_FIELDS } from "./vocabulary";

export interface Candidate {
  field: DestinationField;
  score: number;
  name: NameMatch;
  fit: number;
  overlap: { overlap: number; matched: number; total: number } | null;
  /** What the values say for or against this field, for the reason line. */
  evidence: string[];
}

/** A lookup named by its meaning ("Owner", "Stage") but with no value evidence: for review, never for the bulk accept. */
export const LOOKUP_BY_NAME = 0.75;
/** Highest score of a candidate whose name was only guessed (near spelling, abbreviation): below the 0.9 band. */
export const GUESS_CAP = 0.89;
/** A label's first alternative ("Country" of "Country/Region") names a field a little less surely than the whole label. */
const ALTERNATIVE = 0.92;
/** A name that means the field at least this much lets value evidence count in full. */
const NAME_SUPPORT = 0.3;

interface DestIndex {
  field: DestinationField;
  names: NameDescription[];
  concepts: Set<string>;
}

export class EntityMatcher {
  readonly lexicon: Lexicon;
  private readonly dests: DestIndex[];

  constructor(readonly entity: DestinationEntity, fields: DestinationField[], private readonly context: EvidenceContext = {}) {
    const words = fields.flatMap((f) => [...rawTokens(f.name), ...rawTokens(f.label)]);
    this.lexicon = new Lexicon(words);
    const present = new Set(fields.map((f) => f.name));
    this.dests = fields.map((field) => {
      // "_id" on a destination name only says the value is looked up by id ("deal_type_id").
      const names = [this.lexicon.describe(field.name.replace(/_ids?$/, "")), this.lexicon.describe(field.label), this.lexicon.describe(field.label, false)];
      const concepts = new Set<string>();
      for (const [concept, byEntity] of Object.entries(CONCEPT_FIELDS)) {
        if (byEntity[entity] === field.name) concepts.add(concept);
      }
      // A field's own name or label names a concept only when the entity's standard field for
      // that concept is absent: a custom "Title" must not steal job titles from `job_title`.
      for (const n of names) {
        for (const c of n.concepts) {
          const standard = CONCEPT_FIELDS[c]?.[entity];
          if (standard === undefined || standard === field.name || !present.has(standard)) concepts.add(c);
        }
      }
      return { field, names, concepts };
    });
  }

  describeSource(profile: FieldProfile): NameDescription[] {
    // A nested standard path is only meaningful whole: "billing_address.city" is not "city".
    const texts = !profile.isCustom && profile.path.includes(".") ? [profile.path] : [profile.key, profile.label];
    return texts.flatMap((t) => [this.lexicon.describe(t), this.lexicon.describe(t, false)]);
  }

  candidates(profile: FieldProfile): Candidate[] {
    const sources = this.describeSource(profile).map((name) => ({ name, factor: 1 }));
    // "Country/Region", "Town/City": a label offering alternatives names its field by the first one too.
    const first = profile.label.includes("/") ? profile.label.split("/")[0]?.trim() : undefined;
    if (first) sources.push(...[this.lexicon.describe(first), this.lexicon.describe(first, false)].map((name) => ({ name, factor: ALTERNATIVE })));
    const out: Candidate[] = [];
    for (const d of this.dests) {
      let best: NameMatch = { score: 0, kind: "none", folds: [] };
      for (const s of sources) {
        for (const n of d.names) {
          const m0 = compareNames(s.name, n, d.concepts);
          const m = s.factor === 1 ? m0 : { ...m0, score: m0.score * s.factor };
          if (m.score > best.score) best = m;
        }
      }
      if (best.score < 0.85 && [profile.key, profile.label].some((k) => acronymMatch(k, d.field.label))) {
        best = { score: 0.85, kind: "acronym", folds: [`${profile.key}→${d.field.label}`] };
      }
      const fit = typeFit(profile, d.field.type);
      const overlap = choiceOverlap(profile, d.field);
      let score = best.score * fit;
      const informative = overlap !== null && overlap.total >= 3 && overlap.overlap >= 0.8;
      if (informative && overlap) {
        // Shared picklist values confirm a name match; on their own they only suggest one.
        score = best.score > 0.3 ? Math.min(0.99, score + 0.1) : Math.max(score, 0.55 + 0.25 * overlap.overlap);
      } else if (overlap && overlap.total === 2 && overlap.overlap === 1 && (d.field.choices?.length ?? 0) > 2) {
        // Two values, both choices of a longer list ("English", "German"): a hint for review, no more.
        score = Math.max(score, 0.7);
      }
      // Lookups take ids from selectors or other records: a name that means the field proposes it
      // for review, and only the values (user emails, company or stage names) make it sure.
      if (d.field.type === "lookup") score = best.kind === "partial" || best.kind === "none" ? Math.min(score, 0.45) : Math.min(best.score, LOOKUP_BY_NAME);
      out.push({ field: d.field, score: Math.min(0.99, score), name: best, fit, overlap, evidence: [] });
    }
    for (const e of valueEvidence(profile, this.entity, this.context)) {
      const c = out.find((o) => o.field.name === e.field);
      if (!c) continue;
      if (e.floor) {
        // Only a name that means the field lets the values make it sure; a partial one counts as none.
        const named = c.name.kind !== "partial" && c.name.kind !== "none" && c.name.score >= NAME_SUPPORT;
        const floor = named ? e.floor.withName : e.floor.alone;
        if (floor > c.score) {
          c.score = floor;
          c.evidence.push(e.note);
        }
      }
      if (e.factor !== undefined && c.score > 0) {
        c.score *= e.factor;
        c.evidence.push(e.note);
      }
    }
    // A name read only through guesses ("sede" near "sede" of nothing known) is never sure, whatever the values say.
    for (const c of out) if (c.name.guessed && c.score > GUESS_CAP) c.score = GUESS_CAP;
    return out.filter((c) => c.score > 0).sort((a, b) => b.score - a.score);
  }
}
