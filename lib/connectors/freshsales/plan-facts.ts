/**
 * Freshsales plan facts (freshsales-api.md §3 and §5), in one place: the rate governor, the
 * connection form and the public estimator all read them from here, so they cannot disagree.
 */

/** API budgets per plan: account-wide, shared by every user and key; per minute only on paid plans. */
export const FRESHSALES_PLAN_LIMITS = {
  free: { perHour: 1000, perMinute: null },
  growth: { perHour: 1000, perMinute: 400 },
  pro: { perHour: 2000, perMinute: 400 },
  enterprise: { perHour: 5000, perMinute: 400 },
  blossom: { perHour: 1000, perMinute: 400 },
  garden: { perHour: 1000, perMinute: 400 },
  estate: { perHour: 2000, perMinute: 400 },
  forest: { perHour: 5000, perMinute: 400 },
} as const satisfies Record<string, { perHour: number; perMinute: number | null }>;
export type FreshsalesPlan = keyof typeof FRESHSALES_PLAN_LIMITS;

/** The plans a customer picks from (the current names), with their labels and file storage per user. */
export const FRESHSALES_PLANS = {
  free: { label: "Free", storageGbPerUser: 0 },
  growth: { label: "Growth", storageGbPerUser: 2 },
  pro: { label: "Pro", storageGbPerUser: 5 },
  enterprise: { label: "Enterprise", storageGbPerUser: 100 },
} as const satisfies Partial<Record<FreshsalesPlan, { label: string; storageGbPerUser: number }>>;

/** The plan assumed where none is known (the most common paid tier). */
export const DEFAULT_FRESHSALES_PLAN = "growth" satisfies keyof typeof FRESHSALES_PLANS;
