import { FRESHSALES_PLAN_LIMITS, FRESHSALES_PLANS } from "@/lib/connectors/freshsales/plan-facts";

/** The Freshsales plans an admin picks from; each sets the API budget and the file storage quota. */
export const CONNECTION_PLANS = ["free", "growth", "pro", "enterprise"] as const satisfies readonly (keyof typeof FRESHSALES_PLANS)[];
export type ConnectionPlan = (typeof CONNECTION_PLANS)[number];

export interface PlanInfo {
  id: ConnectionPlan;
  label: string;
  perHour: number;
  perMinute: number | null;
  /** File storage per active user, pooled across the account (freshsales-api.md §5). */
  storageBytesPerUser: number;
}

const GB = 1024 ** 3;

/** The range a custom (purchased) hourly API limit may take. */
export const CUSTOM_CALLS_PER_HOUR = { min: 100, max: 100_000 } as const;

export function isConnectionPlan(value: unknown): value is ConnectionPlan {
  return typeof value === "string" && (CONNECTION_PLANS as readonly string[]).includes(value);
}

export function planInfo(plan: ConnectionPlan): PlanInfo {
  const limits = FRESHSALES_PLAN_LIMITS[plan];
  return { id: plan, label: FRESHSALES_PLANS[plan].label, perHour: limits.perHour, perMinute: limits.perMinute, storageBytesPerUser: FRESHSALES_PLANS[plan].storageGbPerUser * GB };
}
