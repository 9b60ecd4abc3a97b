/**
 * Health-data detection. The source is a medical practice system, so a field is flagged when
 * its key or label names health data (in several languages and abbreviations) or when its
 * values look like health identifiers, diagnosis codes, medications or clinical notes.
 */

export interface SensitivityVerdict {
  sensitive: boolean;
  reason?: string;
}

interface NameRule {
  category: string;
  /** Whole tokens (after splitting camelCase, separators and digits). */
  tokens?: string[];
  /** Substrings of the compacted name (lowercase letters and digits only). */
  stems?: string[];
}

const NAME_RULES: NameRule[] = [
  {
    category: "health card / health insurance number",
    tokens: ["hcn", "phn", "ohip", "ramq", "mrn", "nhs", "hicn", "mbi", "amka", "egk", "kvnr"],
    stems: [
      "healthcard", "healthnumber", "healthno", "healthinsurance", "carteassurance", "cartesante",
      "cartevitale", "versichertennummer", "krankenkasse", "krankenversicher", "medicare",
      "medicaid", "medicalrecord", "patientid", "patientnumber", "chartnumber", "tarjetasanitaria",
      "tesserasanitaria", "numerosecu", "securitesociale", "assurancemaladie",
    ],
  },
  {
    category: "date of birth",
    tokens: ["dob", "ddn", "bday", "geb", "gebdat", "fnac", "nascita"],
    stems: [
      "dateofbirth", "birthdate", "birthday", "birthdt", "datebirth", "geburtsdatum", "geburtstag",
      "datedenaissance", "datenaissance", "naissance", "fechadenacimiento", "fechanacimiento",
      "nacimiento", "datadinascita", "datadenascimento", "nascimento", "geboortedatum", "fodelsedag",
      "dtnasc", "fechanac",
    ],
  },
  {
    category: "diagnosis",
    tokens: ["dx", "ddx", "icd", "icd9", "icd10", "icd11", "snomed"],
    stems: [
      "diagnos", "diagnost", "icd10", "icd9", "medicalcondition", "medicalhistory", "comorbid",
      "allerg", "krankheit", "befund", "pathology", "disease", "disorder",
    ],
  },
  {
    category: "medication",
    tokens: ["rx", "meds", "med", "medlist", "drug", "drugs", "rezept", "receta"],
    stems: [
      "medication", "medicament", "medikament", "medicamento", "medicine", "prescription",
      "prescri", "ordonnance", "dosage", "dosis", "pharmac",
    ],
  },
  {
    category: "insurance / member number",
    tokens: ["insurer", "payer", "payor"],
    stems: [
      "insurance", "insured", "memberid", "membernumber", "memberno", "policynumber", "policyno",
      "groupnumber", "subscriberid", "versicherung", "numeroassurance", "noassurance", "mutuelle",
      "seguro",
      "assicurazione", "aseguradora", "krankenversicherung",
    ],
  },
  {
    category: "clinical notes",
    tokens: ["soap", "hpi", "anamnese", "anamnesis"],
    stems: [
      "clinical", "clinicalnote", "progressnote", "chartnote", "visitnote", "treatment", "symptom",
      "therapy", "therapie", "behandlung", "consultnote", "patientnote", "bloodtype", "bloodgroup",
      "pregnan", "mentalhealth", "psychiatr", "vaccin", "immuniz", "labresult",
    ],
  },
];

function normalize(name: string): { tokens: string[]; compact: string } {
  const ascii = name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  const spaced = ascii
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/([A-Za-z])(\d)/g, "$1 $2")
    .toLowerCase();
  const tokens = spaced.split(/[^a-z0-9]+/).filter(Boolean);
  // Joined tokens also catch abbreviations written with a separator ("icd 10", "d.o.b").
  const joinedDigits = spaced.replace(/[^a-z0-9]+/g, "");
  tokens.push(joinedDigits);
  return { tokens, compact: joinedDigits };
}

/** Flags a field by its key or label alone. */
export function sensitivityFromName(...names: (string | undefined)[]): SensitivityVerdict {
  for (const name of names) {
    if (!name) continue;
    const { tokens, compact } = normalize(name);
    for (const rule of NAME_RULES) {
      const token = rule.tokens?.find((t) => tokens.includes(t));
      const stem = rule.stems?.find((s) => compact.includes(s));
      const hit = token ?? stem;
      if (hit) return { sensitive: true, reason: `name "${name}" suggests ${rule.category} (${hit})` };
    }
  }
  return { sensitive: false };
}

export type ValueSignal = "icd10" | "health_card" | "medicare_mbi" | "medication" | "clinical_text";

const ICD10 = /^[A-TV-Z]\d[0-9AB](?:\.[0-9A-TV-Z]{1,4})?$/;
// Ontario-style 10 digits with a version code, or grouped 4-3-3 (phones group 3-3-4).
const HEALTH_CARD = /^(?:\d{4}[- ]\d{3}[- ]\d{3}(?:[- ]?[A-Z]{2})?|\d{10}[- ]?[A-Z]{2})$/;
const MBI_CHAR = "[AC-HJKMNP-RT-Y]";
const MEDICARE_MBI = new RegExp(
  `^[1-9]${MBI_CHAR}[${MBI_CHAR.slice(1, -1)}0-9]\\d-?${MBI_CHAR}[${MBI_CHAR.slice(1, -1)}0-9]\\d-?${MBI_CHAR}{2}\\d{2}$`,
);
const DOSAGE = /\b\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|ug|ml|iu|units?)\b(?:\s*(?:\/|per)\s*(?:day|d|kg))?/i;
const DRUGS =
  /\b(?:metformin|lisinopril|atorvastatin|simvastatin|amoxicillin|ibuprofen|paracetamol|acetaminophen|insulin|levothyroxine|omeprazole|salbutamol|albuterol|amlodipine|warfarin|prednisone|sertraline|fluoxetine|gabapentin|losartan)\b/i;
const CLINICAL_TERMS =
  /\b(?:diagnos\w*|prescrib\w*|symptom\w*|patient|allerg\w*|chronic|acute|blood pressure|bp \d|mmhg|follow[- ]up|referr\w*|treatment|hypertension|diabet\w*|asthma|depress\w*|anxiety|medication|dose|mg)\b/gi;

/** Health-data patterns present in one value (counted per field by the profiler). */
export function valueSignals(s: string): ValueSignal[] {
  const out: ValueSignal[] = [];
  const t = s.trim();
  if (t.length <= 16) {
    if (ICD10.test(t)) out.push("icd10");
    if (HEALTH_CARD.test(t)) out.push("health_card");
    if (MEDICARE_MBI.test(t)) out.push("medicare_mbi");
  }
  if (DOSAGE.test(t) || DRUGS.test(t)) out.push("medication");
  if (t.length >= 20) {
    const distinct = new Set((t.slice(0, 20_000).match(CLINICAL_TERMS) ?? []).map((w) => w.toLowerCase()));
    if (distinct.size >= 2) out.push("clinical_text");
  }
  return out;
}

const SIGNAL_LABEL: Record<ValueSignal, string> = {
  icd10: "ICD-10 diagnosis codes",
  health_card: "health card numbers",
  medicare_mbi: "Medicare beneficiary identifiers",
  medication: "medication names or dosages",
  clinical_text: "clinical vocabulary",
};

/** A signal must cover at least this share of the field's values, and at least 2 values. */
export const SIGNAL_MIN_SHARE = 0.3;

export function sensitivityFromValues(signals: Map<ValueSignal, number>, values: number): SensitivityVerdict {
  let best: { s: ValueSignal; n: number } | undefined;
  for (const [s, n] of signals) if (!best || n > best.n) best = { s, n };
  if (!best || values === 0 || best.n < 2 || best.n / values < SIGNAL_MIN_SHARE) return { sensitive: false };
  const pct = Math.round((best.n / values) * 100);
  return { sensitive: true, reason: `${pct}% of values look like ${SIGNAL_LABEL[best.s]}` };
}

export function detectSensitivity(
  key: string,
  label: string,
  signals: Map<ValueSignal, number>,
  values: number,
): SensitivityVerdict {
  const byName = sensitivityFromName(key, label);
  return byName.sensitive ? byName : sensitivityFromValues(signals, values);
}
