/**
 * Bench: the cutover window under load. A full run of `total` generated records (fast, with no
 * rate limit: it is the baseline, not what is measured), then `changes` mixed source changes
 * (updates of companies, contacts, deals with line items, products, tasks and meetings, and new
 * contacts, deals and files) made in the Visual Practice sandbox over `spreadMinutes` emulated
 * minutes, while the window polls every `intervalMinutes` under the Growth plan's limits on the
 * compressed clock (×`scale`), paced by the connection's rate governor as in production.
 *   npx tsx bench/delta.bench.ts [--total 200000] [--changes 10000] [--interval-minutes 5] [--spread-minutes 120] [--scale 720] [--fresh-database]
 * Prints one JSON object: change-to-arrival latency (median, p99, emulated) beside the poll
 * interval, calls per change, and the share of the plan's budget used while the window drained.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { benchDatabase } from "./bench-env";

const { values } = parseArgs({
  options: {
    total: { type: "string", default: "200000" },
    changes: { type: "string", default: "10000" },
    "interval-minutes": { type: "string", default: "5" },
    "spread-minutes": { type: "string", default: "120" },
    scale: { type: "string", default: "720" },
    // A fresh migrated database on DATABASE_URL's server (npm run bench makes one already).
    "fresh-database": { type: "boolean", default: false },
  },
});
const total = Number(values.total);
const changes = Number(values.changes);
const intervalMin = Number(values["interval-minutes"]);
const spreadMin = Number(values["spread-minutes"]);
const scale = Number(values.scale);

const drop = await benchDatabase("bench_delta", Boolean(values["fresh-database"]));

const { db } = await import("@/lib/server/db");
const { connectionTo, createTenant, setUpDestination, stageDataset } = await import("@/test/support/migration");
const { startFullRun } = await import("@/lib/migration/engine");
const { driveRun } = await import("@/lib/migration/driver");
const { startVisualPracticeServer } = await import("@/lib/sandbox/visual-practice/server");
const { SandboxClock } = await import("@/lib/sandbox/shared/clock");
const { VisualPracticeClient } = await import("@/lib/connectors/visual-practice/client");
const { LocalFolderFileStore } = await import("@/lib/connectors/visual-practice/file-store");
const { MemoryBudgetStore } = await import("@/lib/connectors/freshsales/budget-store");
const { pollOnce } = await import("@/lib/cutover/delta/poll-source");

type Collection = "companies" | "contacts" | "deals" | "products" | "activities" | "attachments";
const config = { seed: 5, total, dirtyRates: { control_chars: 0, huge_attachment: 0 } };
const HOUR_LIMIT = 1000; // Growth (lib/sandbox/freshsales/default-state.ts)
const fx = await setUpDestination(config);
const clock = new SandboxClock(scale);
const vp = await startVisualPracticeServer({ ...config, ratePerSecond: false, clock });
const baseline = connectionTo(fx.emulator);
const window = connectionTo(fx.emulator, new MemoryBudgetStore(), { plan: "growth", clockScale: scale, key: "window", timeoutMs: 30_000 });
const out: Record<string, unknown> = { total, changes, plan: "growth", clockScale: scale, pollIntervalEmulatedMinutes: intervalMin, changesSpreadOverEmulatedMinutes: spreadMin };
const calls = () => (fx.emulator.stats() as unknown as { totalCalls: number }).totalCalls;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? null;

try {
  const tenant = await createTenant(db());
  let t = performance.now();
  await stageDataset(db(), tenant.migrationId, fx.ds);
  out.stagingMs = Math.round(performance.now() - t);
  t = performance.now();
  const full = await startFullRun(db(), { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: { id: tenant.userId, email: "bench@x" }, mapping: fx.mapping, destination: fx.destination });
  // No file store: the baseline's files fail (their bytes are not the point); new files in the window get one.
  await driveRun(() => ({ db: db(), conn: baseline, bulkPollMs: 5 }), full.runId, { workers: 4 });
  out.baselineRunMs = Math.round(performance.now() - t);

  // Which records change: written ones, each changed once, in a fixed mix.
  const written = async (objectType: string, n: number, where: Record<string, unknown> = {}) =>
    n <= 0 ? [] : (await db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId, objectType, state: "written", action: "created", ...where }, orderBy: { sourceId: "asc" }, take: n, select: { sourceId: true } })).map((r) => r.sourceId);
  const share = (s: number) => Math.round(changes * s);
  const plan: { collection: Collection; id?: string; kind: "update" | "create" }[] = [];
  for (const [collection, s, where] of [
    ["companies", 0.05, {}], ["contacts", 0.3, {}], ["deals", 0.2, {}], ["products", 0.005, {}], ["activities", 0.3, {}],
  ] as const) for (const id of await written(collection, share(s), where)) plan.push({ collection, id, kind: "update" });
  for (const [collection, n] of [["contacts", share(0.08)], ["deals", share(0.03)], ["attachments", Math.min(50, share(0.005))]] as const) for (let i = 0; i < n; i++) plan.push({ collection, kind: "create" });
  out.mix = Object.fromEntries(["update", "create"].map((k) => [k, plan.filter((p) => p.kind === k).reduce<Record<string, number>>((m, p) => ((m[p.collection] = (m[p.collection] ?? 0) + 1), m), {})]));
  out.changesMade = plan.length;
  const template = (collection: Collection) => {
    const { id: _i, created_at: _c, updated_at: _u, deleted_at: _d, ...rest } = fx.ds.record(collection, 0) as Record<string, unknown>;
    return rest;
  };
  const someContact = (await written("contacts", 1))[0]!;
  const someProduct = (await written("products", 1))[0]!;
  const files = new LocalFolderFileStore(await mkdtemp(path.join(tmpdir(), "delta-bench-")));

  const delta = await db().run.create({ data: { organizationId: tenant.organizationId, migrationId: tenant.migrationId, kind: "delta", status: "running", startedAt: new Date(), watermark: new Date(clock.now()) } });
  const changedAt = new Map<string, number>();
  const key = (c: string, id: string) => `${c}/${id}`;
  let made = 0;
  const apply = (p: (typeof plan)[number], i: number) => {
    let rec: { id: string; updated_at: string };
    if (p.kind === "update") {
      const patch: Record<string, unknown> =
        p.collection === "deals" ? { amount: `${1000 + i}.00`, line_items: [{ product_id: someProduct, quantity: 1 + (i % 5), unit_price: "10.00" }] }
          : p.collection === "companies" ? { website: `https://changed-${i}.example.test` }
            : p.collection === "products" ? { name: `Product changed ${i}` }
              : p.collection === "activities" ? { subject: `Changed in the window ${i}` }
                : { job_title: `Changed ${i}` };
      rec = vp.update(p.collection, p.id!, patch as never) as never;
    } else {
      const fields: Record<string, unknown> =
        p.collection === "contacts" ? { ...template("contacts"), email: `window-${i}@bench.example.test`, company_id: null }
          : p.collection === "deals" ? { ...template("deals"), name: `Window deal ${i}`, contact_ids: [], line_items: [] }
            : { filename: `window-${i}.txt`, content_type: "text/plain", size_bytes: 256, parent_type: "contact", parent_id: someContact, uploaded_by: String((fx.ds.record("contacts", 0) as Record<string, unknown>).owner_id) };
      rec = vp.create(p.collection, fields as never) as never;
    }
    changedAt.set(key(p.collection, rec.id), Date.parse(rec.updated_at));
    made++;
  };

  // Changes at an even pace over the spread, made while the window polls.
  const spreadRealMs = clock.toRealMs(spreadMin * 60_000);
  const startReal = performance.now();
  const callsBefore = calls();
  const emulatedStart = clock.now();
  const changer = (async () => {
    for (let i = 0; i < plan.length; i++) {
      const due = startReal + (i / plan.length) * spreadRealMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      apply(plan[i]!, i);
    }
  })();
  const source = new VisualPracticeClient({ baseUrl: vp.baseUrl, token: vp.token });
  const intervalRealMs = clock.toRealMs(intervalMin * 60_000);
  const arrivals = new Map<string, number>();
  let polls = 0;
  let lastWorkAt = emulatedStart;
  const pollTimes: number[] = [];
  for (;;) {
    const started = performance.now();
    const picked = (await pollOnce({ db: db(), conn: window, source, mapping: fx.mapping, files }, delta.id)) ?? [];
    polls++;
    pollTimes.push(Math.round(performance.now() - started));
    // Arrival: the moment its ledger row was written, on the emulated clock.
    const rows = await db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId, runId: delta.id, state: { in: ["written", "failed", "skipped"] } }, select: { objectType: true, sourceId: true, updatedAt: true } });
    const nowReal = Date.now();
    const nowEmu = clock.now();
    for (const r of rows) {
      const k = key(r.objectType, r.sourceId);
      if (!arrivals.has(k) && changedAt.has(k)) arrivals.set(k, nowEmu - (nowReal - r.updatedAt.getTime()) * scale);
    }
    if (picked.length > 0) lastWorkAt = clock.now();
    if (made === plan.length && arrivals.size >= changedAt.size) break;
    if (made === plan.length && picked.length === 0 && polls > 3 && arrivals.size < changedAt.size && performance.now() - startReal > spreadRealMs * 4) break;
    const wait = intervalRealMs - (performance.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await changer;
  const callsUsed = calls() - callsBefore;
  const latencies = [...changedAt].flatMap(([k, at]) => (arrivals.has(k) ? [Math.max(0, arrivals.get(k)! - at)] : [])).sort((a, b) => a - b);
  const drainedHours = (lastWorkAt - emulatedStart) / 3_600_000;
  const failed = await db().ledgerEntry.count({ where: { migrationId: tenant.migrationId, runId: delta.id, state: "failed" } });
  // A change that did not arrive must be listed for the admin (a conflict): counted apart; any other is missing.
  const conflicts = await db().deltaConflict.findMany({ where: { migrationId: tenant.migrationId, runId: delta.id }, select: { objectType: true, sourceId: true, fields: true } });
  const listed = new Set(conflicts.map((c) => key(c.objectType, c.sourceId)));
  const conflictFields = conflicts.flatMap((c) => (c.fields as { field: string; written: string | null; destination: string | null }[]).filter((f) => f.written !== f.destination).map((f) => `${c.objectType}.${f.field}`));
  const missing = await Promise.all([...changedAt.keys()].filter((k) => !arrivals.has(k) && !listed.has(k)).slice(0, 5).map(async (k) => {
    const [objectType, sourceId] = k.split("/") as [string, string];
    const row = await db().ledgerEntry.findUnique({ where: { migrationId_objectType_sourceId: { migrationId: tenant.migrationId, objectType, sourceId } }, select: { state: true, runId: true, reason: true } });
    return { change: k, ledger: row };
  }));
  out.window = {
    polls,
    pollRealMsMedian: quantile([...pollTimes].sort((a, b) => a - b), 0.5),
    changesArrived: latencies.length,
    listedAsConflicts: [...changedAt.keys()].filter((k) => !arrivals.has(k) && listed.has(k)).length,
    // Which fields Freshsales held differently from what the run wrote, for the conflicts listed.
    conflictFields: Object.fromEntries([...new Set(conflictFields)].map((f) => [f, conflictFields.filter((x) => x === f).length])),
    changesMissing: changedAt.size - latencies.length - [...changedAt.keys()].filter((k) => !arrivals.has(k) && listed.has(k)).length,
    missing,
    failed,
    latencyEmulatedSeconds: { median: Math.round((quantile(latencies, 0.5) ?? 0) / 1000), p99: Math.round((quantile(latencies, 0.99) ?? 0) / 1000), max: Math.round((latencies.at(-1) ?? 0) / 1000) },
    pollIntervalEmulatedSeconds: intervalMin * 60,
    callsUsed,
    callsPerChange: Number((callsUsed / Math.max(1, changedAt.size)).toFixed(3)),
    // Calls used ÷ what the plan allows over the emulated time the window had work: 1.0 means
    // every call the hourly limit allowed was used while changes were waiting.
    emulatedHoursWithWork: Number(drainedHours.toFixed(2)),
    budgetUse: Number((callsUsed / (HOUR_LIMIT * Math.max(drainedHours, 1 / 60))).toFixed(3)),
    rateLimitedBy: "the connection's rate governor (Growth: 1,000 calls per emulated hour, 400 per minute); the emulator runs without its own limit so the baseline run is not paced",
  };
  console.log(JSON.stringify(out, null, 2));
} finally {
  baseline.close();
  window.close();
  await fx.emulator.close();
  await vp.close();
  await drop?.();
}
process.exit(0);
