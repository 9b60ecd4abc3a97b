/**
 * Quality figures for the bench: accuracy and calibration on the bench's own CRM exports
 * (never used by the engine's tests) and on the engine's labelled fixtures, with every wrong
 * proposal listed.
 */
import { BLIND_HOLD_OUT } from "@/test/fixtures/mapping/blind-hold-out";
import { DESTINATION } from "@/test/fixtures/mapping/destination-schema";
import { HOLD_OUT, type LabelledField, SEEN } from "@/test/fixtures/mapping/labelled-fields";
import { type FixtureScore, scoreFixture } from "@/test/fixtures/mapping/score-fixture";
import { proposeFieldMap } from "@/lib/mapping/propose-field-map";
import type { FieldMapping } from "@/lib/mapping/schemas";
import type { EvidenceContext } from "@/lib/mapping/value-evidence";
import { CRM_EXPORTS, type CrmExport } from "./crm-exports";
import { CRM_EXPORTS_BLIND } from "./crm-exports-blind";
import { CRM_EXPORTS_BLIND_2 } from "./crm-exports-blind-2";

function proposals(runs: { profiles: LabelledField["profile"][]; evidence?: EvidenceContext }[]): Map<string, FieldMapping> {
  return new Map(runs.flatMap((r) => proposeFieldMap(r.profiles, DESTINATION, r.evidence ? { evidence: r.evidence } : {}).mappings).map((m) => [m.id, m]));
}

const profilesOf = (fixture: LabelledField[]) => [...new Set(fixture.map((l) => l.profile))];

export interface QualityFigures {
  fixture: string;
  fields: number;
  accuracy: number;
  rightAt80: string;
  precisionAt80: number;
  wrongAt90: number;
  recallAt80: number;
  wrong: string[];
}

function figures(fixture: string, s: FixtureScore): QualityFigures {
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { fixture, fields: s.total, accuracy: r(s.accuracy), rightAt80: `${s.at80.right}/${s.at80.n}`, precisionAt80: r(s.at80.precision), wrongAt90: s.at90.n - s.at90.right, recallAt80: r(s.recall80), wrong: s.wrong };
}

/** Each export is proposed and scored on its own: two exports may share a header ("Cargo" in Spanish and Portuguese). */
function exportsFigures(name: string, exports: CrmExport[]): QualityFigures {
  const scores = exports.map((e) => scoreFixture(e.fields, proposals([{ profiles: profilesOf(e.fields), evidence: e.context }])));
  const sum = (f: (s: FixtureScore) => number) => scores.reduce((n, s) => n + f(s), 0);
  const band = (b: "at80" | "at90") => {
    const n = sum((s) => s[b].n);
    const right = sum((s) => s[b].right);
    return { n, right, precision: n === 0 ? 1 : right / n };
  };
  const total = sum((s) => s.total);
  const right = sum((s) => s.right);
  const at80 = band("at80");
  return figures(name, { total, right, accuracy: total === 0 ? 1 : right / total, at80, at90: band("at90"), recall80: total === 0 ? 1 : at80.right / total, wrong: scores.flatMap((s) => s.wrong), unsure: scores.flatMap((s) => s.unsure) });
}

export function qualityFigures(): QualityFigures[] {
  const exportsFields = CRM_EXPORTS.flatMap((e) => e.fields);
  const exportsMap = proposals(CRM_EXPORTS.map((e) => ({ profiles: profilesOf(e.fields), evidence: e.context })));
  const out = [figures("crm-exports (5 languages, bench only)", scoreFixture(exportsFields, exportsMap))];
  for (const e of CRM_EXPORTS) out.push({ ...figures(`  crm-exports: ${e.name}`, scoreFixture(e.fields, exportsMap)), wrong: [] });
  out.push(exportsFigures("crm-exports blind (45 columns, blind only before the issue-16 rules)", CRM_EXPORTS_BLIND));
  out.push(exportsFigures("crm-exports blind 2 (226 columns, blind only before the issue-16 rules)", CRM_EXPORTS_BLIND_2));
  // SEEN is one source schema; the hold-outs list alternative spellings, proposed one by one.
  out.push(figures("seen", scoreFixture(SEEN, proposals([{ profiles: profilesOf(SEEN) }]))));
  out.push(figures("hold-out", scoreFixture(HOLD_OUT, proposals(profilesOf(HOLD_OUT).map((p) => ({ profiles: [p] }))))));
  out.push(figures("blind hold-out", scoreFixture(BLIND_HOLD_OUT, proposals(profilesOf(BLIND_HOLD_OUT).map((p) => ({ profiles: [p] }))))));
  return out;
}
