import { describe, expect, it } from "vitest";
import { FIXTURE_SIZE, LABELS, fixtureRecords } from "@/test/fixtures/inventory/type-inference-fixture";
import { profileRecords } from "./profiler";
import { isIdentifierKey, typeHintFromKey } from "./type-inference";

const profiles = profileRecords("contact", fixtureRecords());
const byKey = new Map(profiles.filter((p) => p.isCustom).map((p) => [p.key, p]));

describe("type inference on the labelled fixture", () => {
  it.each(Object.entries(LABELS))("infers %s as %s", (key, expected) => {
    const p = byKey.get(key);
    expect(p, `profile for ${key}`).toBeDefined();
    expect(p?.inferredType).toBe(expected);
  });

  it("gets every labelled field right", () => {
    const wrong = Object.entries(LABELS).filter(([k, t]) => byKey.get(k)?.inferredType !== t);
    expect(wrong).toEqual([]);
  });

  it("reports the share of values consistent with the chosen type", () => {
    // visit_count: one "seven" among 60 values.
    expect(byKey.get("visit_count")?.typeConfidence).toBeCloseTo(59 / 60, 5);
    // billing_email: one malformed address.
    expect(byKey.get("billing_email")?.typeConfidence).toBeCloseTo(59 / 60, 5);
    expect(byKey.get("first_visit")?.typeConfidence).toBe(1);
  });

  it("lists dropdown and multiselect choices", () => {
    expect(byKey.get("membership_tier")?.dropdownValues?.sort()).toEqual(["Bronze", "Gold", "Silver"]);
    // Blank strings are empty, not a choice.
    expect(byKey.get("preferred_language")?.dropdownValues).not.toContain("");
    expect(byKey.get("interests")?.dropdownValues?.sort()).toEqual(["massage", "nutrition", "physio", "yoga"]);
  });

  it("computes fill rate against every record seen", () => {
    const balance = byKey.get("outstanding_balance");
    expect(balance?.total).toBe(FIXTURE_SIZE);
    expect(balance?.filled).toBe(FIXTURE_SIZE - FIXTURE_SIZE / 5);
    expect(balance?.fillRate).toBeCloseTo(0.8, 5);
  });

  it("falls back to text for a field with no values", () => {
    const empty = profileRecords("contact", [{ id: "a", custom_properties: { empty: null } }]).find(
      (x) => x.key === "empty",
    );
    expect(empty?.inferredType).toBe("text");
    expect(empty?.typeConfidence).toBe(0);
    expect(empty?.fillRate).toBe(0);
  });
});

describe("key hints", () => {
  it("reads types announced by key names", () => {
    expect(typeHintFromKey("workEmail")).toBe("email");
    expect(typeHintFromKey("mobile_2")).toBe("phone");
    expect(typeHintFromKey("created_at")).toBe("datetime");
    expect(typeHintFromKey("date_of_service")).toBe("date");
    expect(typeHintFromKey("nickname")).toBeUndefined();
  });

  it("recognises identifiers", () => {
    expect(isIdentifierKey("owner_id")).toBe(true);
    expect(isIdentifierKey("postal_code")).toBe(true);
    expect(isIdentifierKey("visit_count")).toBe(false);
  });

  it("a hinted key keeps its type with up to half the values malformed", () => {
    const recs = Array.from({ length: 10 }, (_, i) => ({ id: `r${i}`, email: i < 4 ? "not-an-email" : `p${i}@x.io` }));
    const p = profileRecords("contact", recs).find((x) => x.path === "email");
    expect(p?.inferredType).toBe("email");
    expect(p?.typeConfidence).toBeCloseTo(0.6, 5);
  });
});
