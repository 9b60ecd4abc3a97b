/**
 * The run page polls every few seconds and its failure groups read every failed row (tens of
 * thousands at a million records, about 300 ms). They change only when a batch settles, so they
 * are kept per migration under a key of what any settled batch moves: the run, its calls and its
 * failed counts. A key that differs reads them again; nothing is served after it changed.
 */
import type { Db } from "@/lib/server/db";
import { failureGroups, type FailureGroup, type RunProgress } from "./progress";

const MAX_MIGRATIONS = 200;
const cache = new Map<string, { key: string; groups: FailureGroup[] }>();

export function failureGroupsKey(progress: RunProgress): string {
  return [progress.run?.id ?? "-", progress.run?.status ?? "-", progress.calls.used, progress.rollback?.status ?? "-", ...progress.objects.map((o) => o.failed)].join(":");
}

export async function failureGroupsFor(db: Db, migrationId: string, progress: RunProgress): Promise<FailureGroup[]> {
  const key = failureGroupsKey(progress);
  const hit = cache.get(migrationId);
  if (hit?.key === key) return hit.groups;
  const groups = await failureGroups(db, migrationId);
  cache.delete(migrationId);
  if (cache.size >= MAX_MIGRATIONS) cache.delete(cache.keys().next().value!);
  cache.set(migrationId, { key, groups });
  return groups;
}
