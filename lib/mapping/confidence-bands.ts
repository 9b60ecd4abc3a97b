/**
 * What a proposal's confidence means, in the words the map page shows. The figures are the
 * calibration the quality test holds the engine to on its labelled fixtures
 * (field-map-quality.test.ts) and the bench reports on exports it has never seen.
 */
export const CONFIDENCE_BANDS: { min: number; label: string; meaning: string }[] = [
  { min: 0.9, label: "90% and above", meaning: "at least 99 in 100 are right; safe for the bulk accept, still yours to check" },
  { min: 0.8, label: "80–89%", meaning: "at least 95 in 100 are right; a new field here means no existing field came close" },
  { min: 0, label: "below 80%", meaning: "a suggestion for you to decide: a near field, a new field while an existing one is within reach, or data left out" },
];
