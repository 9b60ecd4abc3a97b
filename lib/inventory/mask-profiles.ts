import type { InventoryFieldProfile } from "./types";

/** What a sensitive value looks like until the viewer opts in: no length, no shape. */
export const MASK = "••••••";

/**
 * The profile with every value of a sensitive field masked (top values, samples, picklist,
 * anomaly examples). Counts stay: how often a value occurs is not the value.
 */
export function maskProfile(profile: InventoryFieldProfile): InventoryFieldProfile {
  if (!profile.sensitive) return profile;
  const masked: InventoryFieldProfile = {
    ...profile,
    topValues: profile.topValues.map((t) => ({ value: MASK, count: t.count })),
    samples: profile.samples.map(() => MASK),
    anomalies: profile.anomalies.map((a) => ({ ...a, examples: a.examples.map((e) => ({ recordId: e.recordId, value: MASK })) })),
  };
  if (profile.dropdownValues) masked.dropdownValues = profile.dropdownValues.map(() => MASK);
  return masked;
}

export function maskProfiles(profiles: InventoryFieldProfile[]): InventoryFieldProfile[] {
  return profiles.map(maskProfile);
}
