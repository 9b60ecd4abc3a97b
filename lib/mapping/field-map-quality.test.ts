/**
 * Quality of the proposed field map on the labelled fixture. Prints precision and recall for
 * the seen part and the hold-out part separately, and lists every miss.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DESTINATION } from "@/test/fixtures/mapping/destination-schema";
import { BLIND_HOLD_OUT } from "@/test/fixtures/mapping/blind-hold-out";
import { type Expected, HOLD_OUT, type LabelledField, SEEN } from "@/test/fixtures/mapping/labelled-fields";
import { scoreFixture } from "@/test/fixtures/mapping/score-fixture";
import { proposeFieldMap } from "./propose-field-map";
import type { FieldMapping } from "./schemas";

function isCorrect(m: FieldMapping, e: Expected): boolean {
  const d = m.decision;
  if ("field" in e) return d.kind === "field" && d.field === e.field;
  if ("create" in e) return d.kind === "create_custom_field";
  if ("system" in e) return d.kind === "system" && d.handling === e.system;
  return d.kind === "do_not_migrate";
}

function describeDecision(m: FieldMapping): string {
  const d = m.decision;
  return d.kind === "field" ? d.field : d.kind === "system" ? `system:${d.handling}` : d.kind === "create_custom_field" ? `create ${d.spec.name}` : "skip";
}

interface Score {
  total: number;
  recall: number;
  precision: number;
  confidentWrong: string[];
  misses: string[];
}

/**
 * SEEN is one coherent source schema and is proposed in one run. HOLD_OUT lists alternative
 * spellings of the same fields (three names for a date of birth), which no single source would
 * carry together, so each of its fields is proposed in its own run.
 */
function propose(fixture: LabelledField[], together: boolean): Map<string, FieldMapping> {
  const profiles = [...new Set(fixture.map((l) => l.profile))];
  const runs = together ? [profiles] : profiles.map((p) => [p]);
  return new Map(runs.flatMap((run) => proposeFieldMap(run, DESTINATION).mappings).map((m) => [m.id, m]));
}

function score(fixture: LabelledField[], together: boolean): Score {
  const byId = propose(fixture, together);
  let hits = 0;
  let confident = 0;
  let confidentRight = 0;
  const confidentWrong: string[] = [];
  const misses: string[] = [];
  for (const l of fixture) {
    const id = `${l.profile.object}.${l.profile.path}->${l.entity}`;
    const m = byId.get(id);
    if (!m) throw new Error(`no proposal for ${id}`);
    const right = isCorrect(m, l.expect);
    if (m.confidence >= 0.8) {
      confident++;
      if (right) confidentRight++;
    }
    if (right && m.confidence >= 0.8) hits++;
    else misses.push(`${id}: expected ${JSON.stringify(l.expect)}, got ${describeDecision(m)} @${m.confidence} — ${m.reason}`);
    if (!right && m.confidence >= 0.9) confidentWrong.push(id);
  }
  return { total: fixture.length, recall: hits / fixture.length, precision: confident === 0 ? 1 : confidentRight / confident, confidentWrong, misses };
}

function report(name: string, s: Score): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`[field-map quality] ${name}: ${s.total} fields, recall@0.8 ${pct(s.recall)}, precision@0.8 ${pct(s.precision)}, wrong@>=0.9 ${s.confidentWrong.length}`);
  for (const miss of s.misses) console.log(`  miss ${miss}`);
}

describe("field-map quality on the labelled fixture", () => {
  const seen = score(SEEN, true);
  const holdOut = score(HOLD_OUT, false);
  const blind = score(BLIND_HOLD_OUT, false);
  const all: Score = {
    total: seen.total + holdOut.total,
    recall: (seen.recall * seen.total + holdOut.recall * holdOut.total) / (seen.total + holdOut.total),
    precision: NaN,
    confidentWrong: [...seen.confidentWrong, ...holdOut.confidentWrong],
    misses: [],
  };
  report("seen", seen);
  report("hold-out", holdOut);
  report("blind hold-out", blind);
  console.log(`[field-map quality] main fixture (seen + hold-out): ${all.total} fields, recall@0.8 ${(all.recall * 100).toFixed(1)}%`);
  const custom = [...SEEN, ...HOLD_OUT, ...BLIND_HOLD_OUT].filter((l) => l.profile.isCustom);
  const customScore = (set: LabelledField[], together: boolean) => {
    const s = score(set.filter((l) => l.profile.isCustom), together);
    return { hits: Math.round(s.recall * s.total), total: s.total };
  };
  const parts = [customScore(SEEN, true), customScore(HOLD_OUT, false), customScore(BLIND_HOLD_OUT, false)];
  const hits = parts.reduce((t, p) => t + p.hits, 0);
  console.log(`[field-map quality] custom properties only (all three sets): ${custom.length} fields, recall@0.8 ${((hits / custom.length) * 100).toFixed(1)}%`);

  it("gives at least 95% of fields their correct answer with confidence >= 0.8", () => {
    expect(all.recall).toBeGreaterThanOrEqual(0.95);
  });

  it("never proposes a wrong answer with confidence >= 0.9, blind hold-out included", () => {
    expect(all.confidentWrong).toEqual([]);
    expect(blind.confidentWrong).toEqual([]);
  });

  it("means what its confidence says on every labelled fixture: >= 0.9 is >= 99% right, >= 0.8 is >= 95% right, and >= 90% are right overall", () => {
    for (const [name, fixture, together] of [["seen", SEEN, true], ["hold-out", HOLD_OUT, false], ["blind hold-out", BLIND_HOLD_OUT, false]] as const) {
      const s = scoreFixture(fixture, propose(fixture, together));
      expect(s.at90.precision, `${name} at >= 0.9`).toBeGreaterThanOrEqual(0.99);
      expect(s.at80.precision, `${name} at >= 0.8`).toBeGreaterThanOrEqual(0.95);
      expect(s.accuracy, `${name} overall`).toBeGreaterThanOrEqual(0.9);
    }
  });

  it("keeps the hold-outs honest: none of their names appears in the vocabulary file", () => {
    const vocab = readFileSync(fileURLToPath(new URL("./vocabulary.ts", import.meta.url)), "utf8").toLowerCase();
    const forms = (s: string) => {
      const lower = s.toLowerCase().replace(/[.()']/g, "").trim();
      return [lower, lower.replace(/[\s_-]+/g, " "), lower.replace(/[\s_-]+/g, "_"), lower.replace(/[\s_-]+/g, "")];
    };
    const leaked = [...HOLD_OUT, ...BLIND_HOLD_OUT].flatMap((l) => [...forms(l.profile.key), ...forms(l.profile.label)]).filter((form) => vocab.includes(form));
    expect(leaked).toEqual([]);
  });
});
