import { customProperties } from "./custom-properties";
import type { BuildContext } from "./dataset";
import { address, badPhone, money, ownerId, phone, slug, withControlChars } from "./fields";
import type { JsonObject } from "./json";
import { CITIES, EMPLOYER_KINDS, INDUSTRIES, PRACTICE_KINDS, PRACTICE_WORDS } from "./words";

const KINDS = [...PRACTICE_KINDS, ...EMPLOYER_KINDS];
const UNICODE_COMPANY = ["王氏诊所 🏥", "عيادة الشفاء", "מרפאת השלום", "Clínica São José\u0301", "Zahnarztpraxis Müller 🦷"];

/** Names are unique by construction (mixed radix over the word lists), as account upserts key on name. */
function companyName(index: number): { name: string; kind: string } {
  const word = PRACTICE_WORDS[index % PRACTICE_WORDS.length] ?? "";
  const rest = Math.floor(index / PRACTICE_WORDS.length);
  const kind = KINDS[rest % KINDS.length] ?? "";
  const rest2 = Math.floor(rest / KINDS.length);
  const city = CITIES[rest2 % CITIES.length]?.[0] ?? "";
  const round = Math.floor(rest2 / CITIES.length);
  return { name: `${word} ${kind} ${city}${round > 0 ? ` ${round + 1}` : ""}`, kind };
}

export function companyFields(ctx: BuildContext): JsonObject {
  const { ds, index, rng, dirty } = ctx;
  const { name: plain, kind } = companyName(index);
  let name = plain;
  if (dirty === "unicode_name") name = `${rng.pick(UNICODE_COMPANY)} ${index + 1}`;
  if (dirty === "control_chars") name = withControlChars(plain, rng);
  const employer = EMPLOYER_KINDS.includes(kind);
  let parent: string | null = null;
  if (dirty === "parent_cycle") {
    // Planted in pairs (even i, i + 1): each names the other as parent.
    parent = ds.idOf("companies", index % 2 === 0 ? index + 1 : index - 1);
  } else if (index > 0 && rng.chance(0.2)) {
    const clean = ds.cleanIndices("companies");
    let candidate = 0;
    for (let tries = 0; tries < 8; tries++) {
      const pick = clean[Math.floor(rng.next() * clean.length)] ?? 0;
      if (pick < index) {
        candidate = pick;
        break;
      }
    }
    parent = ds.idOf("companies", candidate); // earlier index: parents load before children
  }
  const employees = rng.chance(0.8) ? rng.int(1, employer ? 20000 : 300) : null;
  const revenue = rng.chance(0.6) ? money(rng.int(50_000, 500_000_000) * 100) : null;
  const hq = address(rng);
  const custom = customProperties("company", rng, dirty);
  // Employers are employers; practices are clinics, hospitals or referring practices.
  if (typeof custom.practice_type === "string") {
    custom.practice_type = employer ? "Employer" : (["Clinic", "Hospital", "Referrer"][index % 3] ?? "Clinic");
  }
  const fields: JsonObject = {
    name,
    website: rng.chance(0.85) ? `https://www.${slug(plain)}.example` : null,
    industry: rng.pick(employer ? INDUSTRIES.slice(3) : INDUSTRIES.slice(0, 3)),
    employee_count: employees,
    annual_revenue: revenue,
    phone: dirty === "malformed_phone" ? badPhone(rng) : phone(rng),
    parent_company_id: parent,
    address: rng.chance(0.9) ? hq : null,
    billing_address: rng.chance(0.5) ? hq : rng.chance(0.6) ? address(rng) : null,
    owner_id: ownerId(ctx),
    custom_properties: custom,
  };
  if (dirty === "empty_vs_null") {
    fields.website = "";
    fields.industry = "";
    fields.phone = "";
  }
  return fields;
}
