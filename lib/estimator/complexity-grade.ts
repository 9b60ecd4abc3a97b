import type { EstimateInput } from "./estimate-input";
import { estimatorRules, type PointBand } from "./estimator-rules";
import { summariseCompatibility, type PairMapping } from "./pairs/pair-mapping";
import { totalRecords } from "./pricing";
import { effectiveHourlyLimit, findPlan } from "./rate-limits";
import { formatNumber } from "./format-number";

export type GradeLetter = "A" | "B" | "C" | "D";

export interface GradeFactor {
  id: "object-compatibility" | "field-mapping" | "api-constraints" | "data-volume";
  title: string;
  /** 1 (simplest) to 4 (hardest). */
  score: number;
  reason: string;
}

export interface ComplexityGrade {
  letter: GradeLetter;
  /** "Standard" */
  label: string;
  /** Sum of the factor scores, 4 to 16. */
  points: number;
  /** "Standard CRM migration. 2 of 8 objects need a mapping; the rest are 1:1." */
  summary: string;
  factors: GradeFactor[];
  /** "8-object category — typical timelines run 2–7 days end-to-end." */
  timelineContext: string;
}

const fmt = formatNumber;

function bandPoints(bands: readonly PointBand[], value: number, beyond: number) {
  const band = bands.find((b) => value <= b.upTo);
  return { points: band?.points ?? beyond, band };
}

export function gradeComplexity(
  input: EstimateInput,
  mapping: PairMapping,
  typicalDays: readonly [number, number],
  rules = estimatorRules,
): ComplexityGrade {
  const g = rules.grade;
  const { source, destination } = mapping;
  const compat = summariseCompatibility(mapping);
  const inScope = compat.objectsInScope.length;
  const k = compat.needMapping.length;

  const needs = `${k} of ${inScope} objects ${k === 1 ? "needs" : "need"} a mapping`;
  const objectFactor: GradeFactor =
    compat.unsupported.length > 0
      ? {
          id: "object-compatibility",
          title: "Object compatibility",
          score: g.unsupportedObjectPoints,
          reason: `${compat.unsupported.length} of ${inScope} objects ${compat.unsupported.length === 1 ? "has" : "have"} no ${destination.name} equivalent (${compat.unsupported.join(", ")}); ${needs}.`,
        }
      : {
          id: "object-compatibility",
          title: "Object compatibility",
          score: bandPoints(g.mappedObjectBands, k, 4).points,
          reason: k === 0 ? `All ${inScope} objects map 1:1.` : `${needs}; the rest are 1:1.`,
        };

  const untyped = [source, destination].filter((p) => !p.api.typedFieldMetadata);
  const fieldScore = (mapping.curated ? 1 : 2) + (untyped.length > 0 ? 1 : 0);
  const fieldReason = mapping.curated
    ? untyped.length > 0
      ? "Field mapping is derived from defaults — final spec confirmed during the sample migration."
      : "Curated field map for this pair, checked against both platforms' typed field metadata."
    : untyped.length > 0
      ? `No curated map for this pair and ${untyped.map((p) => p.name).join(" and ")} publishes no field types — types are inferred from values and confirmed during the sample migration.`
      : "No curated map for this pair — fields are matched from each platform's typed metadata and confirmed during the sample migration.";

  const undocumented = [source, destination].filter((p) => !p.api.documented);
  const plan = findPlan(destination, input.plan);
  const hourly = effectiveHourlyLimit(plan.rateLimit);
  const lowLimit = hourly < g.lowHourlyLimit;
  const apiScore = Math.min(4, 1 + undocumented.length + (lowLimit ? 1 : 0));
  const apiReason = [
    ...undocumented.map((p) => `${p.name}: Not publicly documented.`),
    `${destination.name} ${plan.name}: ${fmt(Math.floor(hourly))} calls/hour${lowLimit ? " — the load is bound by the rate limit." : "."}`,
  ].join(" ");

  const records = totalRecords(input);
  const volume = bandPoints(g.volumeBands, records, g.maxVolumePoints);
  const noBulk = [source, destination].filter((p) => !p.api.bulkApi);
  const bulkSentences =
    noBulk.length === 0
      ? ["Both platforms expose bulk APIs."]
      : noBulk.map((p) =>
          p.id === source.id
            ? `${p.name} doesn't expose a bulk API — REST + parallelization used for high-volume runs.`
            : `${p.name} doesn't expose a bulk API — every record is written with its own call.`,
        );
  const lastBand = g.volumeBands[g.volumeBands.length - 1];
  const volumeSentence = volume.band
    ? `${fmt(records)} records — ${volume.band.label} (up to ${fmt(volume.band.upTo)}).`
    : `${fmt(records)} records — ${g.maxVolumeLabel} (over ${fmt(lastBand?.upTo ?? 0)}).`;
  const volumeScore = Math.min(4, volume.points + (noBulk.length > 0 ? 1 : 0));

  const factors: GradeFactor[] = [
    objectFactor,
    { id: "field-mapping", title: "Field mapping clarity", score: fieldScore, reason: fieldReason },
    { id: "api-constraints", title: "API constraints", score: apiScore, reason: apiReason },
    {
      id: "data-volume",
      title: "Data volume sensitivity",
      score: volumeScore,
      reason: [...bulkSentences, volumeSentence].join(" "),
    },
  ];
  const points = factors.reduce((s, f) => s + f.score, 0);
  const band = g.bands.find((b) => points <= b.upTo) ?? g.bands[g.bands.length - 1];
  if (!band) throw new Error("grade bands are empty");
  return {
    letter: band.grade,
    label: band.label,
    points,
    summary: `${band.label} CRM migration. ${objectFactor.reason}`,
    factors,
    timelineContext: `${inScope}-object category — typical timelines run ${typicalDays[0]}–${typicalDays[1]} days end-to-end.`,
  };
}
