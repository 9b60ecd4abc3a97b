import { getCategory, listPlatforms } from "./catalogue/platform-catalogue";
import {
  COUNTED_OBJECTS,
  DEFAULT_INPUT,
  parseRawEstimateParams,
  serialiseEstimateParams,
  type CountedObject,
  type EstimateInput,
  type SearchParamsRecord,
} from "./estimate-input";
import { estimatorRules } from "./estimator-rules";

/** URL → input, with unknown platforms, same-platform pairs and foreign plans replaced. */
export function parseEstimateParams(params: SearchParamsRecord | URLSearchParams): EstimateInput {
  return resolveEstimateInput(parseRawEstimateParams(params));
}

export function resolveEstimateInput(raw: EstimateInput): EstimateInput {
  const category = getCategory(raw.category) ? raw.category : DEFAULT_INPUT.category;
  const platforms = listPlatforms(category);
  const sources = platforms.filter((p) => p.roles.includes("source"));
  const source = sources.find((p) => p.id === raw.source) ?? sources[0];
  const destinations = platforms.filter((p) => p.roles.includes("destination") && p.id !== source?.id);
  const destination =
    destinations.find((p) => p.id === raw.destination) ??
    destinations.find((p) => p.id === DEFAULT_INPUT.destination) ??
    destinations[0];
  if (!source || !destination) throw new Error(`category ${category} needs a source and a destination platform`);
  const plan = destination.plans.some((p) => p.id === raw.plan) ? raw.plan : destination.defaultPlan;
  return { ...raw, category, source: source.id, destination: destination.id, plan };
}

// Names a migration's inventory may use for each object: Visual Practice collections,
// singular forms, and the destination-side names people tend to type.
const ALIASES: Record<string, CountedObject | "attachment"> = {
  contact: "contact", contacts: "contact", lead: "contact", leads: "contact", person: "contact", persons: "contact", people: "contact",
  company: "company", companies: "company", account: "company", accounts: "company", organization: "company", organizations: "company",
  deal: "deal", deals: "deal", opportunity: "deal", opportunities: "deal",
  pipeline: "pipeline", pipelines: "pipeline",
  activity: "activity", activities: "activity", task: "activity", tasks: "activity", event: "activity", events: "activity",
  note: "activity", notes: "activity", call: "activity", calls: "activity", meeting: "activity", meetings: "activity",
  user: "user", users: "user", owner: "user", owners: "user",
  product: "product", products: "product",
  attachment: "attachment", attachments: "attachment", file: "attachment", files: "attachment",
};

export interface InventoryEstimateInput {
  input: EstimateInput;
  /** Keys that name no known object; shown so a caller notices a typo instead of a lower price. */
  ignored: string[];
}

/**
 * Builds an input from a migration's inventory, e.g. `{ contacts: 12000, activities: 40000 }`.
 * Objects the inventory does not mention count as zero (it is the whole source), counts that
 * share an object (tasks and notes) add up, and `base` supplies platforms, plan and file size.
 */
export function inputFromInventoryCounts(
  counts: Record<string, number>,
  base: Partial<Omit<EstimateInput, "counts">> = {},
): InventoryEstimateInput {
  const total: Record<CountedObject, number> = {
    contact: 0, company: 0, deal: 0, pipeline: 0, activity: 0, user: 0, product: 0,
  };
  let attachments = 0;
  const ignored: string[] = [];
  const max = estimatorRules.input.maxCountPerObject;
  for (const [key, value] of Object.entries(counts)) {
    const object = ALIASES[key.trim().toLowerCase()];
    const n = Number.isFinite(value) ? Math.max(0, Math.floor(value)) : 0;
    if (!object) ignored.push(key);
    else if (object === "attachment") attachments += n;
    else total[object] += n;
  }
  for (const object of COUNTED_OBJECTS) total[object] = Math.min(max, total[object]);
  const clamp = (v: number, hi: number) => (Number.isFinite(v) ? Math.min(hi, Math.max(0, v)) : 0);
  const merged = { ...DEFAULT_INPUT, ...base };
  const input = resolveEstimateInput({
    ...merged,
    counts: total,
    attachments: Math.min(max, attachments),
    attachmentGb: clamp(merged.attachmentGb, estimatorRules.input.maxAttachmentGb),
    deltaHours: Math.floor(clamp(merged.deltaHours, estimatorRules.input.maxDeltaHours)),
  });
  return { input, ignored };
}

/** A link to the public estimator pre-filled from a migration's inventory. */
export function estimateHrefFromInventory(
  counts: Record<string, number>,
  base: Partial<Omit<EstimateInput, "counts">> = {},
): string {
  return `/estimate?${serialiseEstimateParams(inputFromInventoryCounts(counts, base).input).toString()}`;
}
