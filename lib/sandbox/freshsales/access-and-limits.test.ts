import { afterEach, describe, expect, it } from "vitest";
import { SandboxClock } from "@/lib/sandbox/shared/clock";
import { ManualClock } from "./manual-clock";
import { RateLimiter } from "./rate-limiter";
import { startFreshsalesEmulator, type FreshsalesEmulator } from "./server";
import { client, errorText } from "./test-client";

const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);
const started: FreshsalesEmulator[] = [];
async function start(opts: Parameters<typeof startFreshsalesEmulator>[0] = {}): Promise<FreshsalesEmulator> {
  const emu = await startFreshsalesEmulator(opts);
  started.push(emu);
  return emu;
}
/** Runs n calls, 50 at a time (sequential fetches are slow on a shared machine). */
async function many(n: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < n; i += 50) await Promise.all(Array.from({ length: Math.min(50, n - i) }, (_, j) => fn(i + j)));
}
afterEach(async () => {
  while (started.length) await started.pop()?.close();
});

describe("auth, permissions and routing", () => {
  it("answers 401 without a key or with a wrong key, in the error envelope", async () => {
    const emu = await start();
    for (const key of [null, "wrong"]) {
      const res = await client(emu, key)("GET", "/selector/owners");
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ errors: { code: 401 } });
    }
    expect((await client(emu)("GET", "/selector/owners")).status).toBe(200);
  });

  it("answers 403 for a module the key may not use", async () => {
    const emu = await start({ apiKeys: ["full", { key: "limited", forbidden: ["deals", "documents"] }] });
    const limited = client(emu, "limited");
    expect((await limited("GET", "/deals/filters")).status).toBe(403);
    expect((await limited("POST", "/deals", { name: "x" })).status).toBe(403);
    expect((await limited("GET", "/contacts/filters")).status).toBe(200);
    expect((await client(emu, "full")("GET", "/deals/filters")).status).toBe(200);
    await client(emu)("GET", "/_emulator/stats");
    // Forbidden calls still spend budget; admin calls never do.
    const stats = emu.stats();
    expect(stats.callsByEndpoint["GET /deals/filters"]).toBe(2);
    expect(stats.callsByEndpoint["POST /deals"]).toBe(1);
    expect(stats.totalCalls).toBe(4);
    expect(stats.maxCallsInHourWindow).toBe(4);
  });

  it("answers 404 for unknown routes and missing records", async () => {
    const emu = await start();
    const call = client(emu);
    expect((await call("GET", "/nothing/here")).status).toBe(404);
    expect((await call("GET", "/contacts/123")).status).toBe(404);
    expect((await call("GET", "/deals/abc")).status).toBe(404);
    expect((await fetch(`${emu.url}/api/leads`)).status).toBe(404);
  });
});

describe("pagination", () => {
  it("defaults to 25 per page, caps at 100 and reports meta", async () => {
    const emu = await start({ rateLimit: false });
    const call = client(emu);
    emu.admin.load({ records: { contacts: Array.from({ length: 130 }, (_, i) => ({ email: `p${i}@example.com`, first_name: `P${String(i).padStart(3, "0")}` })) } });
    const views = (await call<{ filters: Array<{ id: number; name: string }> }>("GET", "/contacts/filters")).body.filters;
    const all = views.find((v) => v.name === "All Contacts");
    const first = await call<{ contacts: unknown[]; meta: { total: number; total_pages: number } }>("GET", `/contacts/view/${all?.id}`);
    expect(first.body.contacts).toHaveLength(25);
    expect(first.body.meta).toEqual({ total: 130, total_pages: 6 });
    const last = await call<{ contacts: unknown[]; meta: { total_pages: number } }>("GET", `/contacts/view/${all?.id}?page=2&per_page=100`);
    expect(last.body.contacts).toHaveLength(30);
    expect(last.body.meta.total_pages).toBe(2);
    const tooMany = await call("GET", `/contacts/view/${all?.id}?per_page=101`);
    expect(tooMany.status).toBe(400);
    expect(errorText(tooMany.body)).toContain("per_page");
    const sorted = await call<{ contacts: Array<{ first_name: string }> }>("GET", `/contacts/view/${all?.id}?sort=first_name&sort_type=desc&per_page=2`);
    expect(sorted.body.contacts.map((c) => c.first_name)).toEqual(["P129", "P128"]);
  });
});

describe("rate limits", () => {
  it("counts fixed hour and minute windows with exact Retry-After on the clock", () => {
    const clock = new ManualClock(3600, T0);
    const limiter = new RateLimiter(clock, 1000, 400, true);
    for (let i = 0; i < 400; i++) expect(limiter.take().allowed).toBe(true);
    const blocked = limiter.take();
    expect(blocked.allowed).toBe(false);
    // A minute of emulated time is 60/3600 s real: rounded up to 1 s.
    expect(blocked.headers["retry-after"]).toBe("1");
    for (let m = 1; m <= 2; m++) {
      clock.advance(60_000);
      for (let i = 0; i < 400; i++) limiter.take();
    }
    // 1000 used in this hour: 400 + 400 + 200 (the third minute stopped at the hour cap).
    clock.advance(60_000);
    const hourBlocked = limiter.take();
    expect(hourBlocked.allowed).toBe(false);
    expect(limiter.maxHourCalls).toBe(1000);
    expect(limiter.maxMinuteCalls).toBe(400);
    clock.advance(3_600_000 - 3 * 60_000);
    expect(limiter.take().allowed).toBe(true);
  });

  it("sends X-RateLimit headers, a 429 with Retry-After, and shares the budget across keys", async () => {
    const clock = new ManualClock(1, T0);
    const emu = await start({ plan: "free", clock, apiKeys: ["k1", "k2"] });
    const a = client(emu, "k1");
    const b = client(emu, "k2");
    const first = await a("GET", "/selector/owners");
    expect(first.headers.get("x-ratelimit-limit")).toBe("1000");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("999");
    expect(first.headers.get("x-ratelimit-reset")).toBe("3600");
    clock.advance(1_800_000);
    await many(998, (i) => (i % 2 ? a : b)("GET", "/selector/owners"));
    const last = await b("GET", "/selector/owners");
    expect(last.status).toBe(200);
    expect(last.headers.get("x-ratelimit-remaining")).toBe("0");
    const limited = await a("GET", "/selector/owners");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1800");
    expect(limited.body).toMatchObject({ errors: { code: 429 } });
    const stats = emu.stats();
    expect(stats.rateLimited).toBe(1);
    expect(stats.maxCallsInHourWindow).toBe(1000);
    expect(stats.callsByEndpoint["GET /selector/owners"]).toBe(1000);
    clock.advance(1_800_000);
    expect((await b("GET", "/selector/owners")).status).toBe(200);
  });

  it("limits per minute on a really compressed clock and recovers after Retry-After", async () => {
    // scale 20: an emulated minute lasts three real seconds.
    const emu = await start({ clock: new SandboxClock(20, T0) });
    const call = client(emu);
    const results = [];
    for (let batch = 0; batch < 9; batch++) {
      results.push(...(await Promise.all(Array.from({ length: 50 }, () => call("GET", "/selector/owners")))));
    }
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    const retry = Number(limited[0]?.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(3);
    expect(emu.stats().maxCallsInMinuteWindow).toBeLessThanOrEqual(400);
    await new Promise((r) => setTimeout(r, retry * 1000));
    expect((await call("GET", "/selector/owners")).status).toBe(200);
  });

  it("takes the hourly limit from the plan", async () => {
    const limits: Record<string, string> = { free: "1000", growth: "1000", pro: "2000", enterprise: "5000", blossom: "1000", garden: "1000", estate: "2000", forest: "5000" };
    for (const [plan, limit] of Object.entries(limits)) {
      const emu = await start({ plan: plan as "growth", clock: new ManualClock(1, T0) });
      const res = await client(emu)("GET", "/selector/owners");
      expect(res.headers.get("x-ratelimit-limit")).toBe(limit);
      // Paid plans also have 400 a minute, which binds first.
      expect(res.headers.get("x-ratelimit-remaining")).toBe(plan === "free" ? "999" : "399");
    }
  });

  it("can be switched off for benchmarks", async () => {
    const emu = await start({ rateLimit: false, clock: new ManualClock(1, T0), plan: "free" });
    const call = client(emu);
    await many(1005, () => call("GET", "/selector/currencies"));
    const res = await call("GET", "/selector/currencies");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-ratelimit-remaining")).toBeNull();
  });
});

describe("faults", () => {
  it("injects configured errors before routing, via the admin endpoint too", async () => {
    const emu = await start({ rateLimit: false });
    const call = client(emu);
    const set = await call("POST", "/_emulator/faults", { rules: [{ path: "/crm/sales/api/contacts", errorRates: { 503: 1 }, retryAfterSeconds: 7 }] });
    expect(set.status).toBe(200);
    const res = await call("POST", "/contacts", { email: "a@example.com" });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(res.body).toMatchObject({ errors: { code: 503 } });
    expect((await call("GET", "/selector/owners")).status).toBe(200);
    emu.faults.clear();
    expect((await call("POST", "/contacts", { email: "a@example.com" })).status).toBe(200);
  });

  it("drops connections and hangs requests when asked", async () => {
    const emu = await start({ rateLimit: false });
    const call = client(emu);
    emu.faults.set({ rules: [{ path: "/crm/sales/api/selector/owners", resetRate: 1 }] });
    await expect(call("GET", "/selector/owners")).rejects.toThrow();
    emu.faults.set({ rules: [{ method: "GET", path: "^/crm/sales/api/selector/currencies$", hangRate: 1 }] });
    const hung = await fetch(`${emu.apiBase}/selector/currencies`, { headers: { authorization: `Token token=${emu.apiKey}` }, signal: AbortSignal.timeout(300) }).catch((e: unknown) => e);
    expect(hung).toBeInstanceOf(Error);
    expect((await call("GET", "/selector/task_types")).status).toBe(200);
  });
});
