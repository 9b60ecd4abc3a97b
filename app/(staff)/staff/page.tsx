import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { Progress } from "@/components/ui/progress";
import { gateStatuses, parseGateRecords } from "@/lib/gates/gates";
import { requireEngineerPage } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { errorsByReason, listMigrationsForStaff, listRunsForStaff } from "@/lib/staff/data";

export const metadata: Metadata = { title: "Staff dashboard" };

const STUCK_CHOICES = [5, 10, 30, 60];

/** Engineers see every organisation's migrations and runs; stuck runs come first. */
export default async function StaffPage({ searchParams }: { searchParams: Promise<{ stuck?: string }> }) {
  await requireEngineerPage();
  const stuckMinutes = STUCK_CHOICES.includes(Number((await searchParams).stuck)) ? Number((await searchParams).stuck) : 10;
  const [runs, errors, migrations] = await Promise.all([
    listRunsForStaff(db(), stuckMinutes),
    errorsByReason(db(), {}),
    listMigrationsForStaff(db()),
  ]);
  // What needs an engineer first: held gates, then stuck runs.
  const sortedRuns = [...runs].sort((a, b) => Number(b.heldByFailures) - Number(a.heldByFailures) || Number(b.stuck) - Number(a.stuck));
  const held = runs.filter((r) => r.heldByFailures).length;
  return (
    <>
      <PageHeader title="Staff dashboard" description="Every organisation's migrations and runs." />
      <section aria-labelledby="runs-heading" className="mb-8">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="runs-heading" className="text-lg font-semibold">Runs</h2>
            {held > 0 && <p className="text-sm text-red-700 dark:text-red-400" data-testid="held-runs">{held} {held === 1 ? "run ended" : "runs ended"} with more failures than allowed; the customer cannot go on until a retry or an accepted reason.</p>}
          </div>
          <form className="flex items-end gap-2">
            <div>
              <label htmlFor="stuck" className="block text-sm font-medium">Stuck after (minutes without progress)</label>
              <select id="stuck" name="stuck" defaultValue={String(stuckMinutes)} className={inputClass}>
                {STUCK_CHOICES.map((m) => <option key={m} value={m}>{m}</option>)}
              </select>
            </div>
            <button type="submit" className="rounded-md border border-zinc-300 px-3 py-2 text-sm dark:border-zinc-700">Apply</button>
          </form>
        </div>
        {sortedRuns.length === 0 ? (
          <EmptyState title="No runs yet">Runs appear here as soon as a customer starts a sample or a full run.</EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
            <table className="w-full bg-white text-sm dark:bg-zinc-900">
              <thead className="bg-zinc-50 text-left dark:bg-zinc-800/50">
                <tr><th className="px-3 py-2">Organisation / migration</th><th className="px-3 py-2">Run</th><th className="px-3 py-2">Status</th><th className="px-3 py-2 w-56">Ledger</th><th className="px-3 py-2">Last progress</th></tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {sortedRuns.map((r) => {
                  const done = (r.counts.written ?? 0) + (r.counts.skipped ?? 0) + (r.counts.failed ?? 0);
                  return (
                    <tr key={r.id} data-testid={`staff-run-${r.id}`} className={r.heldByFailures ? "bg-red-50 dark:bg-red-950/40" : r.stuck ? "bg-amber-50 dark:bg-amber-950/40" : undefined}>
                      <td className="px-3 py-2"><div className="font-medium">{r.organizationName}</div><div className="text-zinc-600 dark:text-zinc-400">{r.migrationName}</div></td>
                      <td className="px-3 py-2"><Link className="font-medium text-accent-600 underline" href={`/staff/runs/${r.id}`}>{r.kind}</Link></td>
                      <td className="px-3 py-2">
                        <Badge tone={r.status === "failed" || r.status === "done_with_failures" ? "danger" : r.status === "done" ? "success" : "info"}>{r.status === "done_with_failures" ? "done with failures" : r.status}</Badge>
                        {r.heldByFailures && <Badge tone="danger" className="ml-1">gate held: {r.counts.failed ?? 0} failed</Badge>}
                        {r.stuck && <Badge tone="warning" className="ml-1">stuck</Badge>}
                      </td>
                      <td className="px-3 py-2">
                        <Progress value={done} max={r.total} label={`${r.kind} run progress`} />
                        <div className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{r.counts.written ?? 0} written · {r.counts.skipped ?? 0} skipped · {r.counts.failed ?? 0} failed · {r.total} total</div>
                      </td>
                      <td className="px-3 py-2 text-xs">{r.lastProgressAt.toISOString().replace("T", " ").slice(0, 19)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Errors by reason (latest 100 runs)</h2>
          {errors.length === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-400">No failed records.</p> : (
            <ul className="space-y-1 text-sm">
              {errors.map((e) => <li key={`${e.objectType}:${e.reason}`} className="flex gap-3"><span className="w-12 text-right font-mono">{e.count}</span><span className="text-zinc-600 dark:text-zinc-400">{e.objectType}</span><span>{e.reason}</span></li>)}
            </ul>
          )}
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Migrations</h2>
          {migrations.length === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-400">Customers have not started any migration.</p> : (
            <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
              {migrations.map((m) => (
                <li key={m.id} className="flex flex-wrap items-center gap-2 py-1.5">
                  <span className="font-medium">{m.organization.name}</span><span className="text-zinc-600 dark:text-zinc-400">{m.name}</span>
                  <span className="ml-auto">{m.closedAt ? <Badge tone="success">Live</Badge> : <Badge tone="info">{gateStatuses(parseGateRecords(m.gates)).find((g) => g.status === "open")?.label}</Badge>}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
