import { describe, expect, it } from "vitest";
import { MemoryBudgetStore } from "./budget-store";
import { RateGovernor, type RateGovernorOptions } from "./rate-governor";
import { VirtualClock } from "./virtual-clock";

const HOUR = 3_600_000;

function setup(count: number, options: Partial<RateGovernorOptions> = {}) {
  const clock = new VirtualClock();
  const store = new MemoryBudgetStore(clock.now);
  const governors = Array.from(
    { length: count },
    () => new RateGovernor({ accountKey: "acme", store, perHour: 100, perMinute: null, sleep: clock.sleep, now: clock.now, ...options }),
  );
  return { clock, store, governors };
}

/** `callers` concurrent loops spread over the governors, each sending `calls` calls; returns send times. */
async function drive(clock: VirtualClock, governors: RateGovernor[], callers: number, calls: number, onCall?: (i: number) => Promise<void>) {
  const sent: number[] = [];
  const loops = Array.from({ length: callers }, async (_, c) => {
    const governor = governors[c % governors.length];
    if (!governor) throw new Error("no governor");
    for (let i = 0; i < calls; i++) {
      await governor.acquire();
      sent.push(clock.now());
      await onCall?.(sent.length);
    }
  });
  await clock.run(Promise.all(loops));
  return sent.sort((a, b) => a - b);
}

function maxInAnyWindow(times: number[], windowMs: number): number {
  let max = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= windowMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

describe("RateGovernor", () => {
  it("never lets more than the hourly budget through in any hour, across several governors on one store", async () => {
    const { clock, governors } = setup(3, { burst: 10 });
    const sent = await drive(clock, governors, 9, 40);
    expect(sent).toHaveLength(360);
    expect(maxInAnyWindow(sent, HOUR)).toBeLessThanOrEqual(100);
    // The budget is used, not wasted: close to the limit in the busiest hour.
    expect(maxInAnyWindow(sent, HOUR)).toBeGreaterThanOrEqual(95);
  });

  it("paces smoothly at the plan's rate with efficiency of at least 0.95", async () => {
    const { clock, governors } = setup(2);
    const sent = await drive(clock, governors, 6, 50);
    const first = sent[0] ?? 0;
    const last = sent[sent.length - 1] ?? 0;
    const ideal = (sent.length * HOUR) / 100;
    const taken = last - first + HOUR / 100;
    expect(ideal / taken).toBeGreaterThanOrEqual(0.95);
    expect(ideal / taken).toBeLessThanOrEqual(1.0001);
    // Smooth: no tenth of an hour carries more than its share (burst is 1 at 100/h).
    expect(maxInAnyWindow(sent, HOUR / 10)).toBeLessThanOrEqual(11);
  });

  it("keeps the per-minute budget too, and scales windows by clockScale", async () => {
    const { clock, governors } = setup(2, { perHour: 5000, perMinute: 400, clockScale: 720 });
    const sent = await drive(clock, governors, 8, 100);
    expect(maxInAnyWindow(sent, HOUR / 720)).toBeLessThanOrEqual(5000);
    expect(maxInAnyWindow(sent, 60_000 / 720)).toBeLessThanOrEqual(400);
    // 800 calls at 5000 per emulated hour (5 real s) take about 0.8 s, not 0.8 hours.
    expect((sent[sent.length - 1] ?? 0) - (sent[0] ?? 0)).toBeLessThan(1000);
  });

  it("turns a 429 into one wait for every caller, after which calls resume paced", async () => {
    const { clock, governors } = setup(3);
    const [a] = governors;
    let blockedAt = 0;
    const sent = await drive(clock, governors, 6, 10, async (n) => {
      if (n === 20 && a) {
        blockedAt = clock.now();
        await a.rateLimited(600_000);
      }
    });
    const blockEnd = blockedAt + 600_000;
    const during = sent.filter((t) => t > blockedAt && t < blockEnd);
    expect(during).toEqual([]);
    const after = sent.filter((t) => t >= blockEnd);
    expect(after).toHaveLength(40);
    // No storm at the end of the block: consecutive calls keep the paced spacing.
    const gaps = after.slice(1).map((t, i) => t - (after[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(HOUR / 100 - 1);
  });

  it("corrects itself from response headers when another client used the budget", async () => {
    const { clock, governors } = setup(1, { perHour: 1000 });
    const [g] = governors;
    if (!g) throw new Error("no governor");
    await clock.run(g.acquire());
    // The server says only 2 calls remain for the next 100 s: the third must wait past that.
    await g.observe({ limit: 1000, remaining: 2, resetSeconds: 100 });
    const start = clock.now();
    const times: number[] = [];
    await clock.run(
      (async () => {
        for (let i = 0; i < 3; i++) {
          await g.acquire();
          times.push(clock.now() - start);
        }
      })(),
    );
    expect(times[2]).toBeGreaterThanOrEqual(99_000 - 2 * (HOUR / 1000));
    // Remaining 0 blocks until the window resets.
    await g.observe({ limit: 1000, remaining: 0, resetSeconds: 30 });
    const blockedStart = clock.now();
    await clock.run(g.acquire());
    expect(clock.now() - blockedStart).toBeGreaterThanOrEqual(30_000);
  });

  it("adopts a lower hourly limit the server states, at once, and says so in the gauge", async () => {
    const { clock, governors } = setup(1, { perHour: 1000 });
    const [g] = governors;
    if (!g) throw new Error("no governor");
    await clock.run(Promise.all([g.acquire(), g.acquire(), g.acquire()]));
    await g.observe({ limit: 800, remaining: 790, resetSeconds: 3000 });
    expect(await g.gauge()).toMatchObject({ accountKey: "acme", callsMade: 3, limitPerHour: 800, limitSource: "server", windowUsed: 10, windowUsedSource: "server", blockedForMs: 0 });
  });

  it("raises the pace to a purchased limit only up to the admin's bound", async () => {
    const plan = setup(1, { perHour: 1000 }).governors[0]!;
    await plan.observe({ limit: 5000 });
    // No custom bound: the plan's figure is the ceiling, whatever the server says.
    expect(await plan.gauge()).toMatchObject({ limitPerHour: 1000, limitSource: "custom" });

    const custom = setup(1, { perHour: 1000, maxPerHour: 3000 }).governors[0]!;
    await custom.observe({ limit: 2500 });
    expect((await custom.gauge()).limitPerHour).toBe(2500);
    await custom.observe({ limit: 10_000 });
    expect(await custom.gauge()).toMatchObject({ limitPerHour: 3000, limitSource: "server" });
    // A limit that changes mid-run (a purchase, a downgrade) is followed.
    await custom.observe({ limit: 1200 });
    expect((await custom.gauge()).limitPerHour).toBe(1200);
  });

  it("keeps the plan's figures when the server sends no rate headers", async () => {
    const { clock, governors } = setup(1, { plan: "enterprise", perHour: undefined, perMinute: undefined });
    const g = governors[0]!;
    await clock.run(g.acquire());
    await g.observe({});
    expect(await g.gauge()).toMatchObject({ limitPerHour: 5000, limitPerMinute: 400, limitSource: "plan", windowUsedSource: "local", windowUsed: 1 });
  });

  it("reads a stated limit near the per-minute budget as the minute's, leaving the hourly pace alone", async () => {
    const { clock, governors } = setup(1, { perHour: 1000, perMinute: 400 });
    const g = governors[0]!;
    await g.observe({ limit: 400, remaining: 350, resetSeconds: 40 });
    expect(await g.gauge()).toMatchObject({ limitPerHour: 1000, windowUsedSource: "local" });
    // The minute exhausted: everyone waits for its reset.
    await g.observe({ limit: 400, remaining: 0, resetSeconds: 20 });
    const start = clock.now();
    await clock.run(g.acquire());
    expect(clock.now() - start).toBeGreaterThanOrEqual(20_000);
  });

  it("paces at the learned limit: a purchased 3,000 an hour lets through close to 3,000 in an hour", async () => {
    const { clock, governors } = setup(1, { perHour: 1000, maxPerHour: 3000, burst: 1 });
    const g = governors[0]!;
    await g.observe({ limit: 3000 });
    const sent = await drive(clock, [g], 4, 800);
    const inHour = maxInAnyWindow(sent, HOUR);
    expect(inHour).toBeLessThanOrEqual(3000);
    expect(inHour).toBeGreaterThan(2900);
  });
});

describe("deferrable calls", () => {
  it("let a call others wait for go ahead of a deep queue of creates, at the same pace", async () => {
    const { clock, governors } = setup(1, { burst: 1 });
    const governor = governors[0]!;
    const emission = HOUR / (100 * (1 - 0.002));
    const creates: number[] = [];
    let urgentAt = 0;
    const t0 = clock.now();
    const work = async () => {
      // Twenty creates queue up at once; an upsert arrives just after them.
      const queued = Array.from({ length: 20 }, async () => {
        await governor.acquire({ deferrable: true });
        creates.push(clock.now() - t0);
      });
      const urgent = (async () => {
        await clock.sleep(1);
        await governor.acquire();
        urgentAt = clock.now() - t0;
      })();
      await Promise.all([...queued, urgent]);
    };
    await clock.run(work());
    creates.sort((a, b) => a - b);
    // Without deferral the upsert would wait behind all twenty (about 20 slots); with it, a few at most.
    expect(urgentAt).toBeLessThan(5 * emission);
    expect(creates.filter((t) => t > urgentAt).length).toBeGreaterThan(15);
    // The pace is unchanged: 21 calls never fit in fewer than 20 emission intervals.
    const all = [...creates, urgentAt].sort((a, b) => a - b);
    expect(all[all.length - 1]! - all[0]!).toBeGreaterThanOrEqual(19.9 * emission);
  });
});
