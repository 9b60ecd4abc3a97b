import type { FreshsalesFieldType, InventoryFieldProfile } from "../types";

export interface ProfileFilters {
  object: string;
  type: FreshsalesFieldType | "";
  sensitiveOnly: boolean;
  anomaliesOnly: boolean;
  search: string;
}

export const NO_FILTERS: ProfileFilters = { object: "", type: "", sensitiveOnly: false, anomaliesOnly: false, search: "" };

/** Case- and accent-insensitive match on the field's label, path and key. */
function matches(profile: InventoryFieldProfile, needle: string): boolean {
  const fold = (s: string) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const q = fold(needle.trim());
  if (!q) return true;
  return [profile.label, profile.path, profile.key, profile.object].some((s) => fold(s).includes(q));
}

export function filterProfiles(profiles: InventoryFieldProfile[], f: ProfileFilters): InventoryFieldProfile[] {
  return profiles.filter(
    (p) =>
      (!f.object || p.object === f.object) &&
      (!f.type || p.inferredType === f.type) &&
      (!f.sensitiveOnly || p.sensitive) &&
      (!f.anomaliesOnly || p.anomalies.length > 0) &&
      matches(p, f.search),
  );
}
