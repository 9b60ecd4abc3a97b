import type { Plan, Platform, RateLimit } from "./catalogue/platform-schema";
import { sustainedCallsPerHour } from "@/lib/connectors/freshsales/time-model";
import { formatNumber } from "./format-number";

/**
 * Sustained calls per hour under every window at once: the time model's figure
 * (lib/connectors/freshsales/time-model.ts), which the dry run and the full-run page use too.
 * A daily cap is spread over 24 hours because a migration runs for longer than the burst a
 * daily window would allow.
 */
export function effectiveHourlyLimit(limit: RateLimit): number {
  return sustainedCallsPerHour(limit);
}

export function findPlan(platform: Platform, planId: string): Plan {
  const plan = platform.plans.find((p) => p.id === planId) ?? platform.plans.find((p) => p.id === platform.defaultPlan);
  if (!plan) throw new Error(`${platform.id} has no plan ${planId}`);
  return plan;
}

/** Which window binds, in words: "1,000 calls/hour". */
export function describeRateLimit(limit: RateLimit): string {
  const parts: string[] = [];
  if (limit.perSecond !== undefined) parts.push(`${fmt(limit.perSecond)}/second`);
  if (limit.perMinute !== undefined) parts.push(`${fmt(limit.perMinute)}/minute`);
  if (limit.perHour !== undefined) parts.push(`${fmt(limit.perHour)}/hour`);
  if (limit.perDay !== undefined) parts.push(`${fmt(limit.perDay)}/day`);
  return parts.join(", ");
}

function fmt(n: number): string {
  return formatNumber(n);
}
