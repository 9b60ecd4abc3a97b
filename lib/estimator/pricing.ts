import { COUNTED_OBJECTS, type EstimateInput } from "./estimate-input";
import { estimatorRules, type PriceTier } from "./estimator-rules";
import { formatNumber } from "./format-number";

export interface PriceLine {
  label: string;
  priceUsd: number;
}

export type Price =
  | { kind: "fixed"; totalUsd: number; lines: PriceLine[]; totalRecords: number }
  | { kind: "scoped"; reason: string; totalRecords: number };

export function totalRecords(input: EstimateInput): number {
  return COUNTED_OBJECTS.reduce((sum, o) => sum + input.counts[o], 0) + input.attachments;
}

/** Objects with at least one record; attachments count as one object. */
export function objectsWithRecords(input: EstimateInput): number {
  return COUNTED_OBJECTS.filter((o) => input.counts[o] > 0).length + (input.attachments > 0 ? 1 : 0);
}

function tierFor(tiers: readonly PriceTier[], value: number): PriceTier | undefined {
  return tiers.find((t) => value <= t.upTo);
}

/** Fixed tier prices added together; anything beyond the last tier is scoped individually. */
export function priceEstimate(input: EstimateInput, rules = estimatorRules): Price {
  const records = totalRecords(input);
  const recordTier = tierFor(rules.recordTiers, records);
  const lastRecordTier = rules.recordTiers[rules.recordTiers.length - 1];
  if (!recordTier) {
    return {
      kind: "scoped",
      totalRecords: records,
      reason: `Migrations over ${formatNumber(lastRecordTier?.upTo ?? 0)} records are scoped individually.`,
    };
  }
  const gbTier = tierFor(rules.attachmentGbTiers, input.attachmentGb);
  if (!gbTier) {
    const last = rules.attachmentGbTiers[rules.attachmentGbTiers.length - 1];
    return {
      kind: "scoped",
      totalRecords: records,
      reason: `File volumes over ${formatNumber(last?.upTo ?? 0)} GB are scoped individually.`,
    };
  }
  const deltaTier = tierFor(rules.deltaWindowTiers, input.deltaHours);
  const objectTier = tierFor(rules.objectCountTiers, objectsWithRecords(input));
  const lines: PriceLine[] = [recordTier, gbTier, deltaTier, objectTier]
    .filter((t): t is PriceTier => t !== undefined)
    .map((t) => ({ label: t.label, priceUsd: t.priceUsd }));
  return {
    kind: "fixed",
    totalUsd: lines.reduce((sum, l) => sum + l.priceUsd, 0),
    lines,
    totalRecords: records,
  };
}
