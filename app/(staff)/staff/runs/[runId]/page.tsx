import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ThroughputChart } from "@/components/charts/throughput-chart";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { requireEngineerPage } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { callsInLastHour, errorsByReason, searchLedger, staffRun } from "@/lib/staff/data";
import { Progress } from "@/components/ui/progress";
import { planInfo } from "@/lib/connections/plans";
import { runProgress } from "@/lib/migration/progress";
import { RunControls } from "./run-controls";

export const metadata: Metadata = { title: "Run" };

const STATES = ["pending", "intent", "written", "skipped", "failed"];
const PAGE_SIZE = 50;

/** A run's ledger: search and filter by object, state and reason; throughput; errors by reason. */
export default async function StaffRunPage({
  params,
  searchParams,
}: {
  params: Promise<{ runId: string }>;
  searchParams: Promise<{ object?: string; state?: string; q?: string; page?: string }>;
}) {
  await requireEngineerPage();
  const { runId } = await params;
  const sp = await searchParams;
  const found = await staffRun(db(), runId);
  if (!found) notFound();
  const { run } = found;
  const page = Math.max(1, Number(sp.page) || 1);
  const state = STATES.includes(sp.state ?? "") ? sp.state : undefined;
  const [ledger, errors] = await Promise.all([
    searchLedger(db(), { runId, objectType: sp.object || undefined, state, q: sp.q?.trim() || undefined, page, pageSize: PAGE_SIZE }),
    errorsByReason(db(), { runId }),
  ]);
  if (!ledger) notFound();
  const plan = found.plan ? planInfo(found.plan as Parameters<typeof planInfo>[0]) : null;
  const perHour = plan?.perHour ?? null;
  const progress = await runProgress(db(), run.organizationId, run.migrationId, plan ? { perHour: plan.perHour, perMinute: plan.perMinute, clockScale: env().SANDBOX_CLOCK_SCALE } : null);
  const callsLastHour = await callsInLastHour(db(), run.id);
  const pages = Math.max(1, Math.ceil(ledger.total / PAGE_SIZE));
  const link = (p: number) => `?${new URLSearchParams({ ...(sp.object ? { object: sp.object } : {}), ...(state ? { state } : {}), ...(sp.q ? { q: sp.q } : {}), page: String(p) })}`;
  return (
    <>
      <PageHeader title={`${run.kind} run`} description={`Run ${run.id} · started ${run.startedAt?.toISOString().slice(0, 19).replace("T", " ") ?? "not yet"}`} actions={
          <div className="flex items-center gap-3">
            <Badge tone={run.status === "failed" || run.status === "done_with_failures" ? "danger" : "info"}>{run.status === "done_with_failures" ? "done with failures" : run.status}</Badge>
            {run.kind === "full" && <RunControls runId={run.id} status={run.status} failed={errors.reduce((n, e) => n + e.count, 0)} />}
          </div>
        } />
      <Card className="mb-6">
        <h2 className="mb-3 text-lg font-semibold">Records per object (latest full run of this migration)</h2>
        <table className="w-full text-sm">
          <thead className="text-left"><tr><th className="py-1 pr-3">Object</th><th className="pr-3">Source</th><th className="pr-3">Written</th><th className="pr-3">Skipped</th><th className="pr-3">Failed</th><th className="pr-3">Open</th><th>Adds up</th></tr></thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {progress.objects.map((o) => (
              <tr key={o.objectType}><td className="py-1 pr-3">{o.objectType}</td><td className="pr-3">{o.source}</td><td className="pr-3">{o.written}</td><td className="pr-3">{o.skipped}</td><td className="pr-3">{o.failed}</td><td className="pr-3">{o.pending + o.intent}</td><td>{o.addsUp ? "yes" : "no"}</td></tr>
            ))}
          </tbody>
        </table>
        <div className="mt-4 max-w-md">
          <p className="mb-1 text-sm">This run: {callsLastHour} API calls in the last hour{perHour ? ` of the plan's ${perHour} per hour` : ""}; {progress.calls.used} calls and {progress.throughput.recordsPerSecond.toFixed(1)} records/s over the latest full run.</p>
          {perHour && <Progress value={callsLastHour} max={perHour} label="API calls in the last hour against the plan's hourly limit" />}
        </div>
      </Card>
      <div className="mb-6 grid gap-6 lg:grid-cols-2">
        <Card><h2 className="mb-2 text-lg font-semibold">Throughput</h2><ThroughputChart url={`/api/staff/runs/${run.id}`} live={run.status === "running"} /></Card>
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Errors by reason</h2>
          {errors.length === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-400">No failed records.</p> : (
            <ul className="space-y-1 text-sm">{errors.map((e) => <li key={`${e.objectType}:${e.reason}`}><span className="font-mono">{e.count}</span> {e.objectType}: {e.reason}</li>)}</ul>
          )}
        </Card>
      </div>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Ledger</h2>
        <form className="mb-4 flex flex-wrap items-end gap-3">
          <div><label htmlFor="object" className="block text-sm font-medium">Object</label>
            <select id="object" name="object" defaultValue={sp.object ?? ""} className={inputClass}><option value="">All</option>{ledger.objectTypes.map((o) => <option key={o}>{o}</option>)}</select></div>
          <div><label htmlFor="state" className="block text-sm font-medium">State</label>
            <select id="state" name="state" defaultValue={state ?? ""} className={inputClass}><option value="">All</option>{STATES.map((s) => <option key={s}>{s}</option>)}</select></div>
          <div className="grow"><label htmlFor="q" className="block text-sm font-medium">Source id (exact) or words of a failed or skipped record’s reason</label>
            <input id="q" name="q" defaultValue={sp.q ?? ""} className={inputClass} /></div>
          <button type="submit" className="rounded-md bg-accent-600 px-3 py-2 text-sm font-medium text-white">Filter</button>
        </form>
        <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">{ledger.totalCapped ? `more than ${ledger.total.toLocaleString("en-GB")}` : ledger.total.toLocaleString("en-GB")} records</p>
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="text-left"><tr><th className="py-1 pr-3">Object</th><th className="pr-3">Source id</th><th className="pr-3">Target</th><th className="pr-3">State</th><th className="pr-3">Destination id</th><th className="pr-3">Attempts</th><th>Reason</th></tr></thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {ledger.rows.map((r) => (
                <tr key={`${r.objectType}:${r.sourceId}`}>
                  <td className="py-1 pr-3">{r.objectType}</td><td className="pr-3 font-mono text-xs">{r.sourceId}</td><td className="pr-3">{r.target}</td>
                  <td className="pr-3"><Badge tone={r.state === "failed" ? "danger" : r.state === "written" ? "success" : r.state === "skipped" ? "warning" : "neutral"}>{r.state}</Badge>{r.action ? ` ${r.action}` : ""}</td>
                  <td className="pr-3 font-mono text-xs">{r.destId}</td><td className="pr-3">{r.attempts}</td><td className="text-xs">{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <nav aria-label="Ledger pages" className="mt-3 flex gap-3 text-sm">
          {page > 1 && <Link className="text-accent-600 underline" href={link(page - 1)}>Previous</Link>}
          <span>Page {page} of {pages}{ledger.totalCapped ? "+" : ""}</span>
          {(page < pages || ledger.totalCapped) && <Link className="text-accent-600 underline" href={link(page + 1)}>Next</Link>}
        </nav>
      </Card>
    </>
  );
}
