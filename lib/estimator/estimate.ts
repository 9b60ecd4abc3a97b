import { getCategory } from "./catalogue/platform-catalogue";
import { gradeComplexity, type ComplexityGrade } from "./complexity-grade";
import type { EstimateInput } from "./estimate-input";
import { resolveEstimateInput } from "./estimate-params";
import { estimatorRules } from "./estimator-rules";
import { getPairMapping, summariseCompatibility, type CompatibilitySummary, type PairMapping } from "./pairs/pair-mapping";
import { priceEstimate, type Price } from "./pricing";
import { findPlan } from "./rate-limits";
import { computeTimeline, describeCallRule, type Timeline } from "./timeline";
import { formatNumber } from "./format-number";

export interface Estimate {
  /** The input after platform and plan ids were checked against the catalogue. */
  input: EstimateInput;
  mapping: PairMapping;
  compatibility: CompatibilitySummary;
  price: Price;
  grade: ComplexityGrade;
  timeline: Timeline;
  callRule: string;
  warnings: string[];
}

export function computeEstimate(rawInput: EstimateInput, rules = estimatorRules): Estimate {
  const input = resolveEstimateInput(rawInput);
  const mapping = getPairMapping(input.source, input.destination);
  const category = getCategory(input.category);
  if (!category) throw new Error(`unknown category ${input.category}`);
  return {
    input,
    mapping,
    compatibility: summariseCompatibility(mapping),
    price: priceEstimate(input, rules),
    grade: gradeComplexity(input, mapping, category.typicalDays, rules),
    timeline: computeTimeline(input, mapping, rules),
    callRule: describeCallRule(mapping.destination, rules),
    warnings: storageWarnings(input, mapping),
  };
}

// Freshsales pools file storage per user seat by plan (freshsales-api.md section 5); a
// migration that cannot fit its files must change plan or seats before the run, not during it.
function storageWarnings(input: EstimateInput, mapping: PairMapping): string[] {
  const plan = findPlan(mapping.destination, input.plan);
  if (plan.storageGbPerUser === undefined || input.attachmentGb === 0) return [];
  const seats = input.counts.user;
  const capacity = plan.storageGbPerUser * seats;
  if (input.attachmentGb <= capacity) return [];
  return [
    `${mapping.destination.name} ${plan.name} stores ${plan.storageGbPerUser} GB per user: ${seats} ${seats === 1 ? "user gives" : "users give"} ${formatNumber(capacity)} GB pooled, short of ${formatNumber(input.attachmentGb)} GB of files. Choose a larger plan or add seats before the run.`,
  ];
}
