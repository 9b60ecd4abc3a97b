import { describe, expect, it } from "vitest";
import { profileRecords } from "../profiler";
import { filterProfiles, NO_FILTERS } from "./filter-profiles";

const profiles = [
  ...profileRecords(
    "contact",
    Array.from({ length: 12 }, (_, i) => ({
      id: `c${i}`,
      email: i === 3 ? "not-an-email" : `p${i}@example.com`,
      custom_properties: { date_of_birth: `19${50 + i}-0${(i % 9) + 1}-1${i % 9}`, visit_count: i === 2 ? "twelve" : String(i) },
    })),
    [{ object: "contact", key: "date_of_birth", label: "Date of birth" }, { object: "contact", key: "visit_count", label: "Visit count" }],
  ),
  ...profileRecords("company", [{ id: "co1", name: "Clínica Norte" }]),
];

describe("inventory filters", () => {
  it("filters by object, type, sensitivity and anomalies together", () => {
    expect(filterProfiles(profiles, { ...NO_FILTERS, object: "company" }).every((p) => p.object === "company")).toBe(true);
    expect(filterProfiles(profiles, { ...NO_FILTERS, type: "date" }).map((p) => p.path)).toEqual(["custom_properties.date_of_birth"]);
    expect(filterProfiles(profiles, { ...NO_FILTERS, sensitiveOnly: true }).map((p) => p.key)).toContain("date_of_birth");
    const anomalous = filterProfiles(profiles, { ...NO_FILTERS, anomaliesOnly: true }).map((p) => p.path);
    expect(anomalous).toEqual(expect.arrayContaining(["email", "custom_properties.visit_count"]));
    expect(anomalous).not.toContain("id");
  });

  it("searches labels and paths without regard to case or accents", () => {
    expect(filterProfiles(profiles, { ...NO_FILTERS, search: "BIRTH" }).map((p) => p.key)).toEqual(["date_of_birth"]);
    expect(filterProfiles(profiles, { ...NO_FILTERS, search: "visit count" }).map((p) => p.key)).toEqual(["visit_count"]);
  });
});
