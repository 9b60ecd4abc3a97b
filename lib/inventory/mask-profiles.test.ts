import { describe, expect, it } from "vitest";
import { MASK, maskProfiles } from "./mask-profiles";
import { profileRecords } from "./profiler";

const contacts = [
  { id: "c1", first_name: "Ana", custom_properties: { health_card_number: "1234-567-890-AB", diagnosis: "Asthma" } },
  { id: "c2", first_name: "Bo", custom_properties: { health_card_number: "9876-543-210-CD", diagnosis: "Asthma" } },
];
const catalogue = [
  { object: "contact", key: "health_card_number", label: "Health card number" },
  { object: "contact", key: "diagnosis", label: "Diagnosis" },
];

describe("masking sensitive profiles", () => {
  const profiles = profileRecords("contact", contacts, catalogue);
  const masked = maskProfiles(profiles);
  const byPath = (list: typeof profiles, path: string) => list.find((p) => p.path === path)!;

  it("hides every value of a health field but keeps its counts", () => {
    const raw = byPath(profiles, "custom_properties.health_card_number");
    expect(raw.sensitive).toBe(true);
    const hidden = byPath(masked, "custom_properties.health_card_number");
    const text = JSON.stringify(hidden);
    expect(text).not.toContain("1234-567-890-AB");
    expect(text).not.toContain("9876-543-210-CD");
    expect(hidden.samples.every((s) => s === MASK)).toBe(true);
    expect(hidden.topValues.map((t) => t.count)).toEqual(raw.topValues.map((t) => t.count));
    expect(hidden.fillRate).toBe(raw.fillRate);
  });

  it("leaves fields that are not sensitive as they are", () => {
    expect(byPath(masked, "first_name")).toEqual(byPath(profiles, "first_name"));
  });
});
