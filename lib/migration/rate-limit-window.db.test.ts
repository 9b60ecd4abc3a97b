/**
 * `X-RateLimit-Limit` names no window (doc §3): a Freshsales may state the hour's (limit,
 * remaining, reset of the hour) or the minute's. Through the whole engine, on an account whose
 * minute window binds, either statement must end in the same ledger, agreeing with the
 * destination record by record, with the hourly pace never lowered to the minute's figure and
 * the minute's exhaustion waited out rather than hammered. (No headers at all is the answer
 * every db test with `rateLimit: false` meets; resilience.db.test.ts adds 429 storms to it.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FreshsalesEmulatorOptions } from "@/lib/sandbox/freshsales/server";
import type { GeneratorConfig } from "@/lib/sandbox/generator/config";
import { SandboxClock } from "@/lib/sandbox/shared/clock";
import { db } from "@/lib/server/db";
import { ledgerVsDestination, type EmulatorDump } from "@/test/ledger-vs-destination";
import { stateCounts } from "./ledger";
import { connectionTo, setUpDestination, type Fixture } from "../../test/support/migration";
import { fullRunOnEmulator } from "../../test/support/emulator-run";

const CONFIG: GeneratorConfig = { seed: 37, total: 120, dirtyRates: { control_chars: 0 } };
// An emulated minute per real second; 5,000 calls an hour (Enterprise) but only 15 a minute,
// so the minute window binds and the hour's never does.
const SCALE = 60;
const MINUTE_LIMIT = 15;
const WINDOWS: [string, FreshsalesEmulatorOptions][] = [
  ["default profile stating the hour", {}],
  ["default profile stating the minute", { rateLimitWindow: "minute" }],
  ["variant profile stating the minute", { profile: "variant" }],
  ["variant profile stating the hour", { profile: "variant", rateLimitWindow: "hour" }],
];

interface Outcome {
  ledger: string[];
  mismatches: string[];
  status: string;
  limitPerHour: number;
  stats: ReturnType<Awaited<ReturnType<typeof setUpDestination>>["emulator"]["stats"]>;
}

function migrate(options: FreshsalesEmulatorOptions): Promise<Outcome> {
  const emulator = { ...options, plan: "enterprise" as const, minuteLimit: MINUTE_LIMIT, clock: new SandboxClock(SCALE) };
  const connect = (fx: Fixture, migrationId: string) => connectionTo(fx.emulator, undefined, { clockScale: SCALE, key: `window-${migrationId}` });
  return fullRunOnEmulator(CONFIG, emulator, async ({ fx, tenant, conn, runId, rows }) => {
    const gauge = await conn.governor.gauge();
    const run = await db().run.findUniqueOrThrow({ where: { id: runId } });
    return {
      ledger: (await stateCounts(db(), tenant.migrationId)).map((c) => `${c.objectType}:${c.state}:${c.n}`),
      mismatches: ledgerVsDestination(rows, fx.emulator.admin.dump() as unknown as EmulatorDump),
      status: run.status,
      limitPerHour: gauge.limitPerHour,
      stats: fx.emulator.stats(),
    };
  }, { rateLimited: true, connect });
}

describe("X-RateLimit-* stating the hour's window or the minute's", () => {
  const outcomes = new Map<string, Outcome>();
  beforeAll(async () => {
    for (const [name, options] of WINDOWS) outcomes.set(name, await migrate(options));
  }, 240_000);
  afterAll(() => outcomes.clear());

  it.each(WINDOWS)("%s: the run finishes, paced by the minute window, the ledger agreeing with the destination", (name) => {
    const o = outcomes.get(name)!;
    console.log(name, { calls: o.stats.totalCalls, refused429: o.stats.rateLimited, maxInMinute: o.stats.maxCallsInMinuteWindow });
    expect(["done", "done_with_failures"]).toContain(o.status);
    expect(o.mismatches).toEqual([]);
    // Not vacuous: the minute window was filled, again and again.
    expect(o.stats.maxCallsInMinuteWindow).toBe(MINUTE_LIMIT);
    expect(o.stats.minuteLimit).toBe(MINUTE_LIMIT);
    // A stated minute figure is not taken for the hour's: the pace per hour stays the connection's plan (growth, 1,000).
    expect(o.limitPerHour).toBe(1000);
    // Exhaustion is waited out: the calls refused stay a small share of those made.
    expect(o.stats.rateLimited).toBeLessThan(o.stats.totalCalls / 5);
  });

  it("ends in the same ledger whichever window a profile states", () => {
    expect(outcomes.get(WINDOWS[1]![0])!.ledger).toEqual(outcomes.get(WINDOWS[0]![0])!.ledger);
    expect(outcomes.get(WINDOWS[3]![0])!.ledger).toEqual(outcomes.get(WINDOWS[2]![0])!.ledger);
  });
});
