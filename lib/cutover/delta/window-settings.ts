import { settingsFor } from "@/lib/migration/engine-bridge";
import type { RunSettings } from "@/lib/migration/types";
import type { PollDeps } from "./poll-source";

/**
 * The run settings a poll writes with, kept for a few minutes per window: reading Freshsales'
 * metadata takes a dozen calls, which a poll every few minutes would spend again and again
 * from the plan's hourly budget. A field or choice the admin adds shows within the time kept.
 */
const SETTINGS_KEPT_MS = 10 * 60_000;
const settingsCache = new Map<string, { at: number; settings: Promise<RunSettings> }>();

export async function windowSettings(deps: PollDeps, runId: string): Promise<RunSettings> {
  const key = `${runId}:${JSON.stringify(deps.policies ?? null)}`;
  let hit = settingsCache.get(key);
  if (!hit || Date.now() - hit.at >= SETTINGS_KEPT_MS) {
    if (settingsCache.size > 50) settingsCache.clear();
    hit = { at: Date.now(), settings: settingsFor(deps.conn, deps.mapping, deps.policies) };
    hit.settings.catch(() => settingsCache.delete(key));
    settingsCache.set(key, hit);
  }
  // Only the destination's side is kept: the approved map is the one this poll was given.
  return { ...(await hit.settings), mapping: deps.mapping };
}
