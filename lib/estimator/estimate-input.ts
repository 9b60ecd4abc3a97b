import { z } from "zod";
import { estimatorRules } from "./estimator-rules";

/**
 * Estimator inputs and their URL form. This file imports no catalogue so the client form can
 * use it; `estimate-params.ts` checks platform and plan ids against the catalogue.
 */

/** Category objects the user gives a record count for; attachments have their own inputs. */
export const COUNTED_OBJECTS = ["contact", "company", "deal", "pipeline", "activity", "user", "product"] as const;
export type CountedObject = (typeof COUNTED_OBJECTS)[number];

/** URL parameter (and form label) for each counted object. */
export const COUNT_PARAM: Record<CountedObject, string> = {
  contact: "contacts",
  company: "companies",
  deal: "deals",
  pipeline: "pipelines",
  activity: "activities",
  user: "users",
  product: "products",
};

export const COUNT_LABEL: Record<CountedObject, string> = {
  contact: "Contacts",
  company: "Companies",
  deal: "Deals",
  pipeline: "Pipelines",
  activity: "Activities (calls, emails, notes, meetings)",
  user: "Users / owners",
  product: "Products / services",
};

export interface EstimateInput {
  category: string;
  source: string;
  destination: string;
  /** Destination plan id; decides the hourly rate limit. */
  plan: string;
  counts: Record<CountedObject, number>;
  attachments: number;
  attachmentGb: number;
  deltaHours: number;
}

// A typical small practice; with Freshsales Growth these defaults give the product page's
// "48–72 hours".
export const DEFAULT_INPUT: EstimateInput = {
  category: "crm",
  source: "visual-practice",
  destination: "freshsales",
  plan: "growth",
  counts: { contact: 10_000, company: 2_000, deal: 3_000, pipeline: 2, activity: 5_000, user: 10, product: 50 },
  attachments: 500,
  attachmentGb: 2,
  deltaHours: estimatorRules.input.defaultDeltaHours,
};

/** Garbage becomes the default; out-of-range values are clamped rather than rejected. */
function clampedNumber(fallback: number, max: number, decimals = 0) {
  return z.unknown().optional().transform((raw): number => {
    const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
    if (!Number.isFinite(n)) return fallback;
    const factor = 10 ** decimals;
    return Math.min(max, Math.max(0, Math.floor(n * factor) / factor));
  });
}

function slug(fallback: string) {
  return z.unknown().optional().transform((raw): string =>
    typeof raw === "string" && /^[a-z0-9-]{1,40}$/.test(raw) ? raw : fallback,
  );
}

const maxCount = estimatorRules.input.maxCountPerObject;

/** Flat URL shape: every key optional, every value a string (first one when repeated). */
export const estimateParamsSchema = z.object({
  category: slug(DEFAULT_INPUT.category),
  source: slug(DEFAULT_INPUT.source),
  destination: slug(DEFAULT_INPUT.destination),
  plan: slug(""),
  contacts: clampedNumber(DEFAULT_INPUT.counts.contact, maxCount),
  companies: clampedNumber(DEFAULT_INPUT.counts.company, maxCount),
  deals: clampedNumber(DEFAULT_INPUT.counts.deal, maxCount),
  pipelines: clampedNumber(DEFAULT_INPUT.counts.pipeline, maxCount),
  activities: clampedNumber(DEFAULT_INPUT.counts.activity, maxCount),
  users: clampedNumber(DEFAULT_INPUT.counts.user, maxCount),
  products: clampedNumber(DEFAULT_INPUT.counts.product, maxCount),
  attachments: clampedNumber(DEFAULT_INPUT.attachments, maxCount),
  attachmentGb: clampedNumber(DEFAULT_INPUT.attachmentGb, estimatorRules.input.maxAttachmentGb, 2),
  delta: clampedNumber(DEFAULT_INPUT.deltaHours, estimatorRules.input.maxDeltaHours),
});

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

/** Parses without the catalogue: platform and plan ids are only checked for shape here. */
export function parseRawEstimateParams(params: SearchParamsRecord | URLSearchParams): EstimateInput {
  const flat: Record<string, string | undefined> = {};
  if (params instanceof URLSearchParams) {
    for (const key of params.keys()) flat[key] = params.get(key) ?? undefined;
  } else {
    for (const [key, value] of Object.entries(params)) flat[key] = Array.isArray(value) ? value[0] : value;
  }
  const p = estimateParamsSchema.parse(flat);
  return {
    category: p.category,
    source: p.source,
    destination: p.destination,
    plan: p.plan,
    counts: {
      contact: p.contacts,
      company: p.companies,
      deal: p.deals,
      pipeline: p.pipelines,
      activity: p.activities,
      user: p.users,
      product: p.products,
    },
    attachments: p.attachments,
    attachmentGb: p.attachmentGb,
    deltaHours: p.delta,
  };
}

/** Every value is written, so a shared link means the same estimate even if defaults change. */
export function serialiseEstimateParams(input: EstimateInput): URLSearchParams {
  const params = new URLSearchParams();
  params.set("category", input.category);
  params.set("source", input.source);
  params.set("destination", input.destination);
  params.set("plan", input.plan);
  for (const object of COUNTED_OBJECTS) params.set(COUNT_PARAM[object], String(input.counts[object]));
  params.set("attachments", String(input.attachments));
  params.set("attachmentGb", String(input.attachmentGb));
  params.set("delta", String(input.deltaHours));
  return params;
}
