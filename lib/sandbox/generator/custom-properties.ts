import type { DirtyCase } from "./config";
import type { Json, JsonObject } from "./json";
import type { Rng } from "./prng";

export type PropertyObject = "contact" | "company" | "deal";
type Shape =
  | { kind: "text"; make: (rng: Rng) => string }
  | { kind: "date"; fromYear: number; toYear: number }
  | { kind: "choice"; values: readonly string[] }
  | { kind: "multi"; values: readonly string[] }
  | { kind: "numeric_string"; min: number; max: number }
  | { kind: "number"; min: number; max: number }
  | { kind: "boolean" };

interface Property {
  object: PropertyObject;
  key: string;
  label: string;
  fill: number;
  shape: Shape;
}

const REFERRAL_SOURCES = ["Physician referral", "Employer program", "Google search", "Walk-in",
  "Existing patient", "Insurance directory", "Social media"];
const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join("");

/** The catalogue served by `custom-properties`. Every shape the inventory must infer is here. */
export const CATALOGUE: readonly Property[] = [
  { object: "contact", key: "health_card_number", label: "Health card number", fill: 0.8,
    shape: { kind: "text", make: (r) => `${digits(r, 4)}-${digits(r, 3)}-${digits(r, 3)}-${r.pick(["AB", "CD", "XK", "MN"])}` } },
  { object: "contact", key: "date_of_birth", label: "Date of birth", fill: 0.9,
    shape: { kind: "date", fromYear: 1935, toYear: 2020 } },
  { object: "contact", key: "referral_source", label: "Referral source", fill: 0.7,
    shape: { kind: "choice", values: REFERRAL_SOURCES } },
  { object: "contact", key: "interests", label: "Interests", fill: 0.5,
    shape: { kind: "multi", values: ["Massage", "Yoga", "Nutrition", "Pilates", "Sports rehab", "Acupuncture"] } },
  { object: "contact", key: "preferred_contact_method", label: "Preferred contact method", fill: 0.6,
    shape: { kind: "choice", values: ["Phone", "Email", "SMS", "Mail"] } },
  { object: "contact", key: "sms_consent", label: "SMS consent", fill: 0.85, shape: { kind: "boolean" } },
  { object: "contact", key: "visit_count", label: "Visit count", fill: 0.75,
    shape: { kind: "numeric_string", min: 0, max: 60 } },
  { object: "contact", key: "patient_since", label: "Patient since", fill: 0.6,
    shape: { kind: "date", fromYear: 2005, toYear: 2025 } },
  { object: "company", key: "practice_type", label: "Practice type", fill: 0.9,
    shape: { kind: "choice", values: ["Clinic", "Hospital", "Employer", "Referrer", "Insurer"] } },
  { object: "company", key: "accreditation_date", label: "Accreditation date", fill: 0.4,
    shape: { kind: "date", fromYear: 1990, toYear: 2025 } },
  { object: "company", key: "bed_count", label: "Bed count", fill: 0.5, shape: { kind: "number", min: 0, max: 400 } },
  { object: "company", key: "is_partner", label: "Partner practice", fill: 0.8, shape: { kind: "boolean" } },
  { object: "deal", key: "billing_codes", label: "Billing codes", fill: 0.8,
    shape: { kind: "multi", values: ["97110", "97140", "97530", "97012", "99213", "99214", "D1110"] } },
  { object: "deal", key: "service_tier", label: "Service tier", fill: 0.9,
    shape: { kind: "choice", values: ["Basic", "Standard", "Premium", "Corporate"] } },
  { object: "deal", key: "referral_source", label: "Referral source", fill: 0.6,
    shape: { kind: "choice", values: REFERRAL_SOURCES } },
  { object: "deal", key: "session_count", label: "Sessions", fill: 0.8, shape: { kind: "number", min: 1, max: 40 } },
  { object: "deal", key: "insurance_covered", label: "Insurance covered", fill: 0.7, shape: { kind: "boolean" } },
];

/** The numeric property that carries the mixed shapes ("12", 12, "twelve") per object. */
export const MIXED_KEY: Record<PropertyObject, string> = {
  contact: "visit_count",
  company: "bed_count",
  deal: "session_count",
};
/** A key the catalogue does not list. */
export const UNKNOWN_KEY = "legacy_chart_ref";

const WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
  "eleven", "twelve"];

function value(shape: Shape, rng: Rng): Json {
  switch (shape.kind) {
    case "text":
      return shape.make(rng);
    case "date":
      return `${rng.int(shape.fromYear, shape.toYear)}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
    case "choice":
      return rng.pick(shape.values);
    case "multi":
      return shape.values.filter(() => rng.chance(0.3));
    case "numeric_string":
      return String(rng.int(shape.min, shape.max));
    case "number":
      return rng.int(shape.min, shape.max);
    case "boolean":
      return rng.chance(0.5);
  }
}

export function customProperties(object: PropertyObject, rng: Rng, dirty: DirtyCase | null): JsonObject {
  const out: JsonObject = {};
  for (const property of CATALOGUE) {
    if (property.object !== object) continue;
    const filled = rng.chance(property.fill);
    const v = value(property.shape, rng);
    if (filled) out[property.key] = v;
    else if (rng.chance(0.5)) out[property.key] = null;
  }
  if (dirty === "mixed_custom_shape") {
    const key = MIXED_KEY[object];
    const n = rng.int(0, 12);
    const regular = CATALOGUE.find((p) => p.key === key)?.shape.kind === "numeric_string";
    // The odd one out: a real number where strings are normal, or a string where numbers are.
    out[key] = rng.chance(0.5) ? (WORDS[n] ?? "twelve") : regular ? n : String(n);
  }
  if (dirty === "unknown_custom_key") out[UNKNOWN_KEY] = `LC-${rng.int(1000, 9999)}`;
  if (dirty === "empty_vs_null" && object === "contact") out.health_card_number = "";
  return out;
}
