import type { SelectorKey } from "./types";

/** Selector values of a fresh Growth account (names only; ids are assigned at load). */
export const DEFAULT_SELECTORS: Record<SelectorKey, string[]> = {
  lifecycle_stages: ["Lead", "Sales Qualified Lead", "Customer"],
  contact_statuses: ["New", "Contacted", "Interested", "Unqualified", "Won", "Lost"],
  currencies: ["USD"],
  sales_activity_types: ["Call", "Email", "Meeting", "Chat"],
  sales_activity_outcomes: ["Interested", "Left voicemail", "No response", "Not interested"],
  industry_types: ["Technology", "Healthcare", "Finance", "Retail", "Manufacturing", "Education", "Other"],
  business_types: ["Analyst", "Competitor", "Customer", "Integrator", "Investor", "Partner", "Press", "Prospect", "Reseller", "Other"],
  territories: ["Americas", "Europe", "Asia Pacific"],
  lead_sources: ["Web", "Email", "Phone", "Referral", "Advertisement", "Trade show", "Other"],
  deal_reasons: ["Price", "Competition", "No budget", "Timing", "Other"],
  deal_types: ["New business", "Existing business"],
  deal_payment_statuses: ["Paid", "Unpaid", "Partially paid"],
  campaigns: [],
  task_types: ["Call", "Email", "Meeting", "Follow up"],
};

export const DEFAULT_ADMIN = {
  display_name: "Account Admin",
  email: "admin@example.com",
};

export const DEFAULT_PIPELINE = {
  name: "Sales Pipeline",
  is_default: true,
  stages: [
    { name: "New", probability: 10, forecast_type: "Open" as const },
    { name: "Contacted", probability: 25, forecast_type: "Open" as const },
    { name: "Proposal Sent", probability: 50, forecast_type: "Open" as const },
    { name: "Negotiation", probability: 75, forecast_type: "Open" as const },
    { name: "Won", probability: 100, forecast_type: "Won" as const },
    { name: "Lost", probability: 0, forecast_type: "Lost" as const },
  ],
};

/** Hourly call limit per plan (decision 4). */
export const HOURLY_LIMIT: Record<string, number> = {
  free: 1000,
  growth: 1000,
  pro: 2000,
  enterprise: 5000,
  blossom: 1000,
  garden: 1000,
  estate: 2000,
  forest: 5000,
};

const GB = 1024 ** 3;
/** Storage per active user (decision 6; Classic plan names per the doc's §5). */
export const STORAGE_PER_USER: Record<string, number> = {
  free: 0,
  growth: 2 * GB,
  pro: 5 * GB,
  enterprise: 100 * GB,
  blossom: 1 * GB,
  garden: 2 * GB,
  estate: 5 * GB,
  forest: 100 * GB,
};

export const MAX_FILE_BYTES = 150 * 1024 * 1024;

/**
 * Id bases per kind: ids look like real ones (large integers) and an id of one kind never
 * resolves as another, so a client mixing them up gets a 404 instead of a wrong record.
 */
export const ID_BASE = {
  user: 16_000_000_000,
  contacts: 17_000_000_000,
  sales_accounts: 18_000_000_000,
  deals: 19_000_000_000,
  product: 20_000_000_000,
  task: 21_000_000_000,
  appointment: 22_000_000_000,
  note: 23_000_000_000,
  sales_activity: 24_000_000_000,
  phone_call: 25_000_000_000,
  document: 26_000_000_000,
  job: 27_000_000_000,
  meta: 30_000_000_000,
  lead: 31_000_000_000,
} as const;

export type IdKind = keyof typeof ID_BASE;
