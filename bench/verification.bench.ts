/**
 * Bench: the verification steps against the Freshsales emulator (no rate limit) and the Visual
 * Practice sandbox, on a fresh database unless DATABASE_URL is given.
 *   npx tsx bench/verification.bench.ts [total=5000] [sample=500] [changes=50]
 * Prints one JSON object: slice choice time, sample (write + read-back + diff) time and calls,
 * reconciliation time, and one delta poll over `changes` source edits.
 */
import { performance } from "node:perf_hooks";
import { benchDatabase } from "./bench-env";

const [total = 5000, sampleSize = 500, changes = 50] = process.argv.slice(2).map(Number);
const drop = await benchDatabase("bench_verification");

const { db } = await import("@/lib/server/db");
const { connectionTo, createTenant, setUpDestination, stageDataset } = await import("@/test/support/migration");
const { startFullRun } = await import("@/lib/migration/engine");
const { driveRun } = await import("@/lib/migration/driver");
const { startVisualPracticeServer } = await import("@/lib/sandbox/visual-practice/server");
const { VisualPracticeClient } = await import("@/lib/connectors/visual-practice/client");
const { chooseSlice, sliceSize } = await import("../lib/verification/sample-slice");
const { executeSampleRun } = await import("../lib/verification/sample-run");
const { buildReconcileReport } = await import("../lib/verification/reconcile");
const { pollOnce } = await import("@/lib/cutover/delta/poll-source");

const config = { seed: 3, total, dirtyRates: { control_chars: 0 } };
const ms = (t: number) => Math.round(performance.now() - t);
const calls = (emu: { stats(): unknown }) => {
  const s = emu.stats() as { calls?: Record<string, number>; totalCalls?: number };
  return s.totalCalls ?? Object.values(s.calls ?? {}).reduce((a, b) => a + b, 0);
};

const fx = await setUpDestination(config);
const vp = await startVisualPracticeServer({ ...config, ratePerSecond: false });
const conn = connectionTo(fx.emulator);
const out: Record<string, unknown> = { total, sampleSize, changes };
try {
  const tenant = await createTenant(db());
  await stageDataset(db(), tenant.migrationId, fx.ds);

  let t = performance.now();
  const slice = await chooseSlice(db(), tenant.migrationId, sampleSize, "bench");
  out.sliceChoiceMs = ms(t);
  out.sliceRecords = sliceSize(slice);

  const sample = await db().run.create({ data: { organizationId: tenant.organizationId, migrationId: tenant.migrationId, kind: "sample", settings: { size: sampleSize, slice } as object } });
  let before = calls(fx.emulator);
  t = performance.now();
  await executeSampleRun({ db: db(), conn, mapping: fx.mapping }, sample.id);
  const sampleMs = ms(t);
  const stats = (await db().run.findUniqueOrThrow({ where: { id: sample.id } })).stats as { summary?: { fields: number; byVerdict: Record<string, number> } };
  out.sample = { ms: sampleMs, recordsPerSecond: Math.round((sliceSize(slice) / sampleMs) * 1000), apiCalls: calls(fx.emulator) - before, fieldsCompared: stats.summary?.fields, verdicts: stats.summary?.byVerdict };

  const { handOverSample } = await import("../lib/verification/sample-service");
  await handOverSample(db(), tenant.migrationId);
  // The full run (the engine's own driver) is the baseline the reconciliation and delta work on.
  const { runId } = await startFullRun(db(), { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: { id: tenant.userId, email: "bench@x" }, mapping: fx.mapping, destination: fx.destination });
  t = performance.now();
  await driveRun(() => ({ db: db(), conn, bulkPollMs: 10 }), runId, { workers: 4 });
  out.fullRunMs = ms(t);

  before = calls(fx.emulator);
  t = performance.now();
  const report = await buildReconcileReport({ db: db(), conn, mapping: fx.mapping, samplePerObject: 20 }, runId, tenant.migrationId);
  out.reconcile = { ms: ms(t), apiCalls: calls(fx.emulator) - before, divergences: report.divergences.map((d) => d.message), fieldsCompared: report.diff.length };

  const written = await db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId, objectType: "contacts", state: "written" }, take: changes, orderBy: { sourceId: "asc" } });
  const delta = await db().run.create({ data: { organizationId: tenant.organizationId, migrationId: tenant.migrationId, kind: "delta", status: "running", watermark: new Date(Date.now() - 1000) } });
  await new Promise((r) => setTimeout(r, 1100));
  for (const w of written) vp.update("contacts", w.sourceId, { first_name: `Bench ${w.sourceId}` });
  before = calls(fx.emulator);
  t = performance.now();
  const picked = await pollOnce({ db: db(), conn, source: new VisualPracticeClient({ baseUrl: vp.baseUrl, token: vp.token }), mapping: fx.mapping }, delta.id);
  out.deltaPoll = { ms: ms(t), pickedUp: picked?.length ?? 0, apiCalls: calls(fx.emulator) - before };
  console.log(JSON.stringify(out, null, 2));
} finally {
  conn.close();
  await fx.emulator.close();
  await vp.close();
  await drop?.();
}
process.exit(0);
