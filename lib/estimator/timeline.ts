import type { CategoryObject, Platform, WriteMode } from "./catalogue/platform-schema";
import { COUNTED_OBJECTS, type EstimateInput } from "./estimate-input";
import { estimatorRules } from "./estimator-rules";
import type { PairMapping } from "./pairs/pair-mapping";
import { effectiveHourlyLimit, findPlan } from "./rate-limits";
import { formatNumber } from "./format-number";
import { secondsAtPace } from "@/lib/connectors/freshsales/time-model";

export interface TimelineObjectLine {
  object: CategoryObject;
  destinationLabel: string | null;
  count: number;
  mode: WriteMode;
  writeCalls: number;
  extractCalls: number;
}

export interface TimelineStep {
  label: string;
  hours: number;
  formula: string;
}

export interface Timeline {
  lowHours: number;
  highHours: number;
  /** "48–72 hours" */
  label: string;
  /** "about 5–7 days" once the range runs past three days, else null. */
  daysLabel: string | null;
  /** Unrounded sum of the steps. */
  totalHours: number;
  writeCalls: number;
  extractCalls: number;
  destinationHourly: number;
  sourceHourly: number;
  objects: TimelineObjectLine[];
  steps: TimelineStep[];
}

const ceilDiv = (n: number, d: number) => (n <= 0 ? 0 : Math.ceil(n / d));

/** The destination object a category's records land on by default (its first unrouted row). */
function landing(mapping: PairMapping, object: CategoryObject) {
  const row = mapping.rows.find((r) => r.categoryObject === object && !r.routed && r.destinationObjectId !== null);
  const target = row ? mapping.destination.objects.find((o) => o.id === row.destinationObjectId) : undefined;
  return { label: row?.destinationLabel ?? null, mode: target?.write ?? ("none" as WriteMode) };
}

function writeCallsFor(mode: WriteMode, n: number, destination: Platform, rules: typeof estimatorRules): number {
  if (mode === "bulk") return ceilDiv(n, destination.api.batchSize) * (1 + rules.timeline.bulkPollsPerBatch);
  if (mode === "per-record") return n;
  return 0;
}

export function computeTimeline(input: EstimateInput, mapping: PairMapping, rules = estimatorRules): Timeline {
  const { source, destination } = mapping;
  const t = rules.timeline;
  const objects: TimelineObjectLine[] = COUNTED_OBJECTS.map((object) => {
    const n = input.counts[object];
    const { label, mode } = landing(mapping, object);
    return {
      object,
      destinationLabel: label,
      count: n,
      mode,
      writeCalls: writeCallsFor(mode, n, destination, rules),
      extractCalls: ceilDiv(n, source.api.pageSize),
    };
  });
  // Files have no bulk path anywhere: one upload per file, and one download plus the listing.
  const files = landing(mapping, "attachment");
  objects.push({
    object: "attachment",
    destinationLabel: files.label,
    count: input.attachments,
    mode: files.label === null ? "none" : "per-record",
    writeCalls: files.label === null ? 0 : input.attachments,
    extractCalls: ceilDiv(input.attachments, source.api.pageSize) + input.attachments,
  });

  const writeCalls = objects.reduce((s, o) => s + o.writeCalls, 0);
  const extractCalls = objects.reduce((s, o) => s + o.extractCalls, 0);
  const destPlan = findPlan(destination, input.plan);
  const destinationHourly = effectiveHourlyLimit(destPlan.rateLimit);
  const sourceHourly = effectiveHourlyLimit(findPlan(source, source.defaultPlan).rateLimit);
  const fixedHours = t.setupHours + t.sampleHours + t.reconcileHours;

  const steps: TimelineStep[] = [
    {
      label: "Setup, sample migration and reconciliation",
      hours: fixedHours,
      formula: `setup ${t.setupHours} h + sample ${t.sampleHours} h + reconcile ${t.reconcileHours} h`,
    },
    {
      label: `Extraction from ${source.name}`,
      hours: extractCalls / sourceHourly,
      formula: `${n(extractCalls)} calls ÷ ${n(sourceHourly)} calls/hour`,
    },
    {
      label: "File transfer",
      hours: input.attachmentGb / t.attachmentGbPerHour,
      formula: `${n(input.attachmentGb)} GB ÷ ${t.attachmentGbPerHour} GB/hour`,
    },
    {
      label: `Load into ${destination.name}`,
      // The time model at the plan's pace exactly: the estimate's ×highFactor range is what covers
      // repeated calls and idle pacing here (with the review waits), as its rule says.
      hours: secondsAtPace(writeCalls, destPlan.rateLimit) / 3600,
      formula: `${n(writeCalls)} calls ÷ ${n(destinationHourly)} calls/hour (${destination.name} ${destPlan.name})`,
    },
    { label: "Delta-pickup window", hours: input.deltaHours, formula: `${input.deltaHours} h, chosen` },
  ];
  const totalHours = steps.reduce((s, step) => s + step.hours, 0);
  const lowHours = Math.ceil(totalHours);
  const highHours = Math.ceil(totalHours * t.highFactor);
  return {
    lowHours,
    highHours,
    label: `${lowHours}–${highHours} hours`,
    daysLabel: highHours > 72 ? `about ${Math.ceil(lowHours / 24)}–${Math.ceil(highHours / 24)} days` : null,
    totalHours,
    writeCalls,
    extractCalls,
    destinationHourly,
    sourceHourly,
    objects,
    steps,
  };
}

/** The rule in words, shown under the breakdown. */
export function describeCallRule(destination: Platform, rules = estimatorRules): string {
  const polls = rules.timeline.bulkPollsPerBatch;
  return destination.api.bulkApi
    ? `Calls per object: bulk objects ⌈n ÷ ${destination.api.batchSize}⌉ batches × (1 upsert + ${polls} job poll${polls === 1 ? "" : "s"}); other objects n calls; each file 1 call. Hours = calls ÷ the plan's hourly limit, plus extraction, file transfer, the delta window and fixed setup, sample and reconcile time. The range runs to ×${rules.timeline.highFactor} for retries and review waits.`
    : `Calls per object: ${destination.name} has no bulk API, so every record and every file is 1 call. Hours = calls ÷ the plan's hourly limit, plus extraction, file transfer, the delta window and fixed setup, sample and reconcile time. The range runs to ×${rules.timeline.highFactor} for retries and review waits.`;
}

function n(value: number): string {
  return formatNumber(value);
}
