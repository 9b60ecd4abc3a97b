import { describe, expect, it } from "vitest";
import { profileRecords } from "./profiler";
import { sensitivityFromName, sensitivityFromValues, valueSignals } from "./sensitivity";

describe("sensitivity from names", () => {
  // Spellings that appear nowhere in the vocabulary lists as such.
  it.each([
    ["hcn", "health card"],
    ["HCN#", "health card"],
    ["patientHealthCardNo", "health card"],
    ["ohip_number", "health card"],
    ["Medicare ID", "health card"],
    ["DOB", "date of birth"],
    ["PatientDOB", "date of birth"],
    ["date-of-birth", "date of birth"],
    ["Geb.-Datum", "date of birth"],
    ["Geburtsdatum", "date of birth"],
    ["date_de_naissance", "date of birth"],
    ["Fecha de Nacimiento", "date of birth"],
    ["primary_dx", "diagnosis"],
    ["ICD-10 Code", "diagnosis"],
    ["icd10cm", "diagnosis"],
    ["Diagnose", "diagnosis"],
    ["diagnóstico_principal", "diagnosis"],
    ["known_allergies", "diagnosis"],
    ["Med_List", "medication"],
    ["current_rx", "medication"],
    ["Médicaments actuels", "medication"],
    ["Insurance Member #", "insurance"],
    ["policyNo", "insurance"],
    ["Numéro d'assurance maladie", "health card"],
    ["Krankenversicherung", "insurance"],
    ["SOAP notes", "clinical notes"],
    ["clinicalSummary", "clinical notes"],
    ["treatment_plan", "clinical notes"],
  ])("flags %s (%s)", (name, category) => {
    const v = sensitivityFromName(name);
    expect(v.sensitive).toBe(true);
    expect(v.reason).toContain(category);
    expect(v.reason).toContain(name);
  });

  it.each([
    "company_name", "email", "annual_revenue", "medium", "modified_at", "quality_assurance", "rezeption",
    "debt_collector", "birthplace_city", "lead_source", "industry", "clinic_location", "media_kit",
  ])("does not flag %s", (name) => {
    expect(sensitivityFromName(name).sensitive).toBe(false);
  });

  it("uses the catalogue label when the key says nothing", () => {
    expect(sensitivityFromName("cp_17", "Date of birth").sensitive).toBe(true);
  });
});

describe("sensitivity from values", () => {
  it("recognises health patterns in single values", () => {
    expect(valueSignals("E11.9")).toContain("icd10");
    expect(valueSignals("1234-567-890-AB")).toContain("health_card");
    expect(valueSignals("1EG4-TE5-MK73")).toContain("medicare_mbi");
    expect(valueSignals("Metformin 500 mg twice daily")).toContain("medication");
    expect(valueSignals("Patient reports symptoms of anxiety; follow-up in 2 weeks")).toContain("clinical_text");
    expect(valueSignals("+1 555 123 4567")).toEqual([]);
    expect(valueSignals("Quarterly business review with the buyer")).toEqual([]);
  });

  it("needs a pattern on a real share of the field", () => {
    expect(sensitivityFromValues(new Map([["icd10", 1]]), 100).sensitive).toBe(false);
    expect(sensitivityFromValues(new Map([["icd10", 5]]), 100).sensitive).toBe(false);
    const v = sensitivityFromValues(new Map([["icd10", 40]]), 100);
    expect(v).toEqual({ sensitive: true, reason: "40% of values look like ICD-10 diagnosis codes" });
  });

  it("flags a neutrally named field by its values through the profiler", () => {
    const codes = ["E11.9", "J45.909", "I10", "M54.5", "F41.1", "Z00.00"];
    const recs = codes.map((c, i) => ({ id: `d${i}`, custom_properties: { billing_ref: c, tier: "basic" } }));
    const profiles = profileRecords("deal", recs);
    const ref = profiles.find((p) => p.key === "billing_ref");
    expect(ref?.sensitive).toBe(true);
    expect(ref?.sensitivityReason).toMatch(/ICD-10/);
    expect(profiles.find((p) => p.key === "tier")?.sensitive).toBe(false);
  });

  it("flags activity bodies that read as clinical notes", () => {
    const bodies = [
      "Patient presents with acute lower back pain. Prescribed ibuprofen 400 mg.",
      "Follow-up: blood pressure 150/95 mmHg, hypertension not controlled.",
      "Called to confirm the appointment time.",
    ];
    const recs = bodies.map((b, i) => ({ id: `a${i}`, type: "note", body: b }));
    const body = profileRecords("activity", recs).find((p) => p.path === "body");
    expect(body?.sensitive).toBe(true);
  });
});
