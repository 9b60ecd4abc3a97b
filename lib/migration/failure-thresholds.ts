import { z } from "zod";

/**
 * How many failures a full run may end with and still pass its gate, as the largest share of
 * each object's records (percent) that may fail. Accounts, contacts and deals are what the
 * customer works from, so by default none may fail; activities, files and products may lose up
 * to 2% (each failure is still listed with its reason). Skipped records are policy outcomes,
 * not failures, and never count.
 */
export const THRESHOLD_OBJECTS = ["companies", "contacts", "deals", "activities", "attachments", "products"] as const;
export type ThresholdObject = (typeof THRESHOLD_OBJECTS)[number];
export type FailureThresholds = Record<ThresholdObject, number>;

export const DEFAULT_FAILURE_THRESHOLDS: FailureThresholds = { companies: 0, contacts: 0, deals: 0, activities: 2, attachments: 2, products: 2 };

export const OBJECT_LABEL: Record<ThresholdObject, string> = {
  companies: "accounts",
  contacts: "contacts",
  deals: "deals",
  activities: "activities (tasks, meetings, notes)",
  attachments: "files",
  products: "products",
};

const percent = z.coerce.number({ message: "Enter a percentage" }).min(0, "At least 0%").max(100, "At most 100%");
export const failureThresholdsSchema = z.object(Object.fromEntries(THRESHOLD_OBJECTS.map((o) => [o, percent])) as Record<ThresholdObject, typeof percent>);

/** The migration's thresholds: the stored ones over the defaults (a stored value that no longer parses falls back). */
export function thresholdsOf(stored: unknown): FailureThresholds {
  const parsed = failureThresholdsSchema.partial().safeParse(stored ?? {});
  return { ...DEFAULT_FAILURE_THRESHOLDS, ...(parsed.success ? parsed.data : {}) };
}

export interface ObjectOutcome {
  objectType: string;
  total: number;
  failed: number;
}

export interface OverThreshold {
  objectType: ThresholdObject;
  failed: number;
  total: number;
  /** Share failed, percent, to one decimal. */
  percent: number;
  allowed: number;
}

/** The objects whose failures exceed what is allowed, in the order of THRESHOLD_OBJECTS. */
export function overThreshold(outcomes: readonly ObjectOutcome[], thresholds: FailureThresholds): OverThreshold[] {
  const over: OverThreshold[] = [];
  for (const objectType of THRESHOLD_OBJECTS) {
    const o = outcomes.find((x) => x.objectType === objectType);
    if (!o || o.failed === 0 || o.total === 0) continue;
    const share = (o.failed / o.total) * 100;
    const allowed = thresholds[objectType];
    if (share > allowed) over.push({ objectType, failed: o.failed, total: o.total, percent: Math.round(share * 10) / 10, allowed });
  }
  return over;
}

/** One line a person reads: "3 of 120 accounts failed (2.5%, 0% allowed)". */
export function describeOver(o: OverThreshold): string {
  return `${o.failed.toLocaleString("en")} of ${o.total.toLocaleString("en")} ${OBJECT_LABEL[o.objectType]} failed (${o.percent}%, ${o.allowed}% allowed)`;
}
