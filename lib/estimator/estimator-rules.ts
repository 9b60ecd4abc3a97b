/**
 * Every tier, threshold and constant the estimator uses, in one place, so sales can change a
 * price or a band without touching the logic. Tiers are ordered and inclusive of `upTo`; a
 * value above the last tier's `upTo` is scoped individually (no number is published).
 */

export interface PriceTier {
  upTo: number;
  /** Fixed price in USD for the whole tier: no per-record fees. */
  priceUsd: number;
  label: string;
}

export interface PointBand {
  upTo: number;
  points: number;
  label: string;
}

export const estimatorRules = {
  currency: "USD",

  /** Total records = every object count plus the attachment count. */
  recordTiers: [
    { upTo: 25_000, priceUsd: 1_500, label: "Up to 25,000 records" },
    { upTo: 100_000, priceUsd: 3_500, label: "Up to 100,000 records" },
    { upTo: 500_000, priceUsd: 7_500, label: "Up to 500,000 records" },
    { upTo: 1_000_000, priceUsd: 12_500, label: "Up to 1,000,000 records" },
    { upTo: 2_000_000, priceUsd: 19_500, label: "Up to 2,000,000 records" },
  ] satisfies PriceTier[],

  attachmentGbTiers: [
    { upTo: 5, priceUsd: 0, label: "Up to 5 GB of files (included)" },
    { upTo: 50, priceUsd: 600, label: "Up to 50 GB of files" },
    { upTo: 250, priceUsd: 1_800, label: "Up to 250 GB of files" },
    { upTo: 1_000, priceUsd: 4_500, label: "Up to 1 TB of files" },
  ] satisfies PriceTier[],

  deltaWindowTiers: [
    { upTo: 48, priceUsd: 0, label: "Delta window up to 48 hours (included)" },
    { upTo: 96, priceUsd: 400, label: "Delta window up to 96 hours" },
    { upTo: 168, priceUsd: 900, label: "Delta window up to 7 days" },
  ] satisfies PriceTier[],

  /** Objects with at least one record (attachments count as an object). */
  objectCountTiers: [
    { upTo: 4, priceUsd: 0, label: "Up to 4 objects (included)" },
    { upTo: 8, priceUsd: 500, label: "5 to 8 objects" },
  ] satisfies PriceTier[],

  grade: {
    /** Sum of the four factor scores (each 1–4) → grade. */
    bands: [
      { upTo: 6, grade: "A", label: "Simple" },
      { upTo: 9, grade: "B", label: "Standard" },
      { upTo: 12, grade: "C", label: "Complex" },
      { upTo: 16, grade: "D", label: "Advanced" },
    ],
    /** Categories needing a mapping (routing one object to several) → object compatibility score. */
    mappedObjectBands: [
      { upTo: 0, points: 1, label: "all 1:1" },
      { upTo: 2, points: 2, label: "a few mappings" },
      { upTo: 4, points: 3, label: "many mappings" },
    ] satisfies PointBand[],
    /** An object with no destination equivalent makes compatibility the hardest score. */
    unsupportedObjectPoints: 4,
    /** Destination plans below this many calls/hour add a point to API constraints. */
    lowHourlyLimit: 2_000,
    volumeBands: [
      { upTo: 100_000, points: 1, label: "light volume" },
      { upTo: 500_000, points: 2, label: "moderate volume" },
      { upTo: 2_000_000, points: 3, label: "heavy volume" },
    ] satisfies PointBand[],
    /** Beyond the last volume band. */
    maxVolumePoints: 4,
    maxVolumeLabel: "very large volume",
  },

  timeline: {
    /** Status polls per bulk job (one job per batch). */
    bulkPollsPerBatch: 1,
    /** Fixed hours: connect and schema setup, sample migration with review, reconciliation. */
    setupHours: 6,
    sampleHours: 8,
    reconcileHours: 4,
    /** File bytes moved per hour, download plus upload. */
    attachmentGbPerHour: 20,
    /** The high end of the range is the computed hours times this (retries, review waits). */
    highFactor: 1.5,
  },

  input: {
    maxCountPerObject: 50_000_000,
    maxAttachmentGb: 100_000,
    maxDeltaHours: 168,
    defaultDeltaHours: 24,
  },
} as const;

export type EstimatorRules = typeof estimatorRules;
