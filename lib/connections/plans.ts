import { FRESHSALES_PLAN_LIMITS } from "@/lib/connectors/freshsales/rate-governor";

/** The Freshsales plans an admin picks from; each sets the API budget and the file storage quota. */
export const CONNECTION_PLANS = ["free", "growth", "pro", "enterprise"] as const;
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
const STORAGE_GB: Record<ConnectionPlan, number> = { free: 0, growth: 2, pro: 5, enterprise: 100 };
const LABELS: Record<ConnectionPlan, string> = { free: "Free", growth: "Growth", pro: "Pro", enterprise: "Enterprise" };

/** The range a custom (purchased) hourly API limit may take. */
export const CUSTOM_CALLS_PER_HOUR = { min: 100, max: 100_000 } as const;

export function isConnectionPlan(value: unknown): value is ConnectionPlan {
  return typeof value === "string" && (CONNECTION_PLANS as readonly string[]).includes(value);
}

export function planInfo(plan: ConnectionPlan): PlanInfo {
  const limits = FRESHSALES_PLAN_LIMITS[plan];
  return { id: plan, label: LABELS[plan], perHour: limits.perHour, perMinute: limits.perMinute, storageBytesPerUser: STORAGE_GB[plan] * GB };
}
