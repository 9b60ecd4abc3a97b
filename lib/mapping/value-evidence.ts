/**
 * Evidence from a field's values about where it belongs, beyond its type: values that are the
 * source's user emails name an owner, company names an account link, pipeline and stage names
 * the stage, ISO codes a currency, numbers within 0-100 a probability, future dates on a deal
 * its expected close. Each piece raises or lowers one candidate and says why, in the words the
 * reason line uses ("92% of values are emails of Visual Practice users").
 */
import type { FieldProfile } from "@/lib/inventory/types";
import type { DestinationEntity } from "./schemas";

/** What the inventory knows beyond one field's profile, for reading a field's values as evidence. */
export interface EvidenceContext {
  /** Emails of the source CRM's users: a field of them names an owner. */
  userEmails?: string[];
  /** Names of the source's companies: a field of them links to an account. */
  companyNames?: string[];
  /** Names of the source's pipelines and stages. */
  pipelineNames?: string[];
  stageNames?: string[];
  /** ISO date the proposal is made on (default: today), for "dates in the future". */
  today?: string;
}

/** What the values say about one destination field: a floor when they point at it, a factor when they argue against it. */
export interface ValueEvidence {
  field: string;
  /** The score the values alone justify, and the one they justify with a name that agrees. */
  floor?: { alone: number; withName: number };
  factor?: number;
  note: string;
}

/** ISO 4217 codes of the currencies a CRM export is likely to carry (the list's most traded and the EU/LatAm ones). */
const ISO_CURRENCIES = new Set([
  "EUR", "USD", "GBP", "CHF", "JPY", "CNY", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "RON",
  "BGN", "TRY", "BRL", "MXN", "ARS", "CLP", "COP", "PEN", "UYU", "INR", "SGD", "HKD", "ZAR", "AED", "SAR", "ILS",
  "KRW", "THB", "MYR", "IDR", "PHP", "RUB", "UAH", "MAD", "TND", "XOF", "XAF",
]);

const norm = (v: string) => v.normalize("NFKD").replace(/\p{M}/gu, "").trim().toLowerCase();

/** Share of the profile's filled values (weighted by count, over its most frequent values) that pass `test`. */
function share(profile: FieldProfile, test: (value: string) => boolean): number {
  const total = profile.topValues.reduce((t, v) => t + v.count, 0);
  if (total === 0) return 0;
  return profile.topValues.filter((v) => test(v.value)).reduce((t, v) => t + v.count, 0) / total;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Fields that link a record to its account, per entity. */
const ACCOUNT_LINK: Partial<Record<DestinationEntity, string>> = { contacts: "sales_accounts", deals: "sales_account_id" };
const OWNER_ENTITIES = new Set<DestinationEntity>(["contacts", "leads", "sales_accounts", "deals"]);

/** Most values must agree before they count as evidence. */
const MOST = 0.5;

/**
 * On an account, company names are its own name or another account's (a parent, a head office).
 * Every company has a name, so a column of the accounts' own names lists (nearly) all the names
 * the inventory saw; a column that names only some of them points at other accounts.
 */
function ownOrOtherNames(profile: FieldProfile, companyNames: string[], note: string): ValueEvidence[] {
  const known = new Set(companyNames.map(norm));
  const seen = new Set([...profile.topValues.map((v) => v.value), ...profile.samples].map(norm).filter((v) => known.has(v)));
  const coverage = known.size === 0 ? 0 : seen.size / known.size;
  if (coverage >= OWN_NAMES) {
    return [
      // The values alone make the name a likely home ("Nome fantasia", a trade name), for review.
      { field: "name", floor: { alone: 0.75, withName: 0.95 }, note: `${note}, all of them: each account's own name` },
      { field: "parent_sales_account_id", factor: 0.6, note: `${note}, all of them: each account's own name, not another's` },
    ];
  }
  const some = `${note}, ${seen.size} of the ${known.size} known: other accounts, not each account's own name`;
  return [
    { field: "parent_sales_account_id", floor: { alone: 0.75, withName: 0.95 }, note: some },
    { field: "name", factor: 0.5, note: some },
  ];
}

/** Share of the inventory's company names a column must list to be the accounts' own names. */
const OWN_NAMES = 0.8;

/** Salutations and academic titles of the five languages, dots and case folded. */
const HONORIFICS = new Set([
  "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "m", "mme", "mlle", "me", "pr", "sr", "sra", "srta", "dra",
  "d", "dna", "don", "dona", "herr", "frau", "ing", "dipl", "mag", "dott", "sig", "eng", "phd",
]);

function isHonorific(value: string): boolean {
  const words = norm(value).replace(/[.,]/g, " ").split(/\s+/).filter((w) => w.length > 0);
  return words.length > 0 && words.every((w) => HONORIFICS.has(w));
}

export function valueEvidence(profile: FieldProfile, entity: DestinationEntity, ctx: EvidenceContext = {}): ValueEvidence[] {
  if (profile.filled === 0 || profile.topValues.length === 0) return [];
  const out: ValueEvidence[] = [];
  const inSet = (list: string[] | undefined) => {
    const set = new Set((list ?? []).map(norm));
    return set.size === 0 ? 0 : share(profile, (v) => set.has(norm(v)));
  };

  const users = inSet(ctx.userEmails);
  if (users >= MOST && OWNER_ENTITIES.has(entity)) {
    out.push({ field: "owner_id", floor: { alone: 0.86, withName: 0.95 }, note: `${pct(users)} of values are emails of Visual Practice users` });
    // A person's own email is not a user's: the record's email field is the wrong home.
    out.push({ field: entity === "contacts" ? "emails" : "email", factor: 0.6, note: `${pct(users)} of values are emails of Visual Practice users, not of the ${entity}` });
  }

  const companies = inSet(ctx.companyNames);
  const link = ACCOUNT_LINK[entity];
  if (companies >= MOST) {
    const note = `${pct(companies)} of values are names of Visual Practice companies`;
    if (link) out.push({ field: link, floor: { alone: 0.86, withName: 0.95 }, note });
    if (entity === "sales_accounts") out.push(...ownOrOtherNames(profile, ctx.companyNames ?? [], note));
  }

  const honorifics = share(profile, isHonorific);
  if (honorifics >= MOST && (entity === "contacts" || entity === "leads")) {
    out.push({ field: "job_title", factor: 0.4, note: `${pct(honorifics)} of values are salutations or academic titles (Dr., Herr, Mme), not job titles` });
  }

  if (entity === "deals") {
    const stages = inSet(ctx.stageNames);
    if (stages >= MOST) out.push({ field: "deal_stage_id", floor: { alone: 0.86, withName: 0.95 }, note: `${pct(stages)} of values are names of Visual Practice deal stages` });
    const pipelines = inSet(ctx.pipelineNames);
    if (pipelines >= MOST) out.push({ field: "deal_pipeline_id", floor: { alone: 0.86, withName: 0.95 }, note: `${pct(pipelines)} of values are names of Visual Practice pipelines` });
  }

  const codes = share(profile, (v) => ISO_CURRENCIES.has(v.trim().toUpperCase()) && v.trim().length === 3);
  if (codes >= 0.8) {
    const note = `${pct(codes)} of values are ISO currency codes`;
    if (entity === "deals") out.push({ field: "currency_id", floor: { alone: 0.86, withName: 0.95 }, note });
    if (entity === "products") out.push({ field: "currency_code", floor: { alone: 0.86, withName: 0.95 }, note });
  }

  if (entity === "deals" && profile.inferredType === "number") {
    const numbers = profile.topValues.map((v) => Number(v.value.replace(",", ".").replace("%", ""))).filter((n) => Number.isFinite(n));
    if (numbers.length > 0 && numbers.every((n) => n >= 0 && n <= 100)) {
      out.push({ field: "probability", floor: { alone: 0, withName: 0.95 }, note: "all values are percentages between 0 and 100" });
    } else if (numbers.some((n) => n > 100 || n < 0)) {
      out.push({ field: "probability", factor: 0.5, note: "values outside 0-100 are not percentages" });
    }
  }

  if (entity === "deals" && (profile.inferredType === "date" || profile.inferredType === "datetime")) {
    const today = ctx.today ?? new Date().toISOString().slice(0, 10);
    const dated = profile.topValues.filter((v) => /^\d{4}-\d{2}-\d{2}/.test(v.value));
    if (dated.length > 0) {
      const future = share(profile, (v) => /^\d{4}-\d{2}-\d{2}/.test(v) && v.slice(0, 10) > today);
      // Past dates prove nothing: a closed deal's expected close is in the past too.
      if (future >= 0.8) out.push({ field: "expected_close", floor: { alone: 0, withName: 0.95 }, note: `${pct(future)} of dates are in the future` });
    }
  }
  return out;
}
