"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { startDryRunAction } from "@/lib/migration/dry-run/actions";
import type { PlanSummary } from "@/lib/migration/dry-run/dry-run";

interface DryRunView {
  id: string;
  status: string;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  summary: PlanSummary | null;
}

const key = (id: string) => ["dry-run", id] as const;
const OUTCOMES = ["created", "updated", "skipped", "failed"] as const;

async function fetchDryRun(migrationId: string): Promise<DryRunView | null> {
  const res = await fetch(`/api/migrations/${encodeURIComponent(migrationId)}/dry-run`, { cache: "no-store" });
  const body = (await res.json().catch(() => ({}))) as { dryRun?: DryRunView | null; error?: string };
  if (!res.ok) throw new Error(body.error ?? `Could not load the dry run (${res.status})`);
  return body.dryRun ?? null;
}

function duration(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function DryRunPanel({ migrationId, initial, canRun }: { migrationId: string; initial: DryRunView | null; canRun: boolean }) {
  const queryClient = useQueryClient();
  const { data: dryRun } = useQuery({
    queryKey: key(migrationId),
    queryFn: () => fetchDryRun(migrationId),
    initialData: initial,
    // While it runs, the page follows it.
    refetchInterval: (q) => (q.state.data && (q.state.data.status === "queued" || q.state.data.status === "running") ? 2000 : false),
  });
  const start = useAction(startDryRunAction, {
    onSuccess: () => toast.success("Dry run started"),
    onError: ({ error }) => toast.error(error.serverError ?? "The dry run could not start"),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: key(migrationId) }),
  });
  const busy = start.isExecuting || dryRun?.status === "queued" || dryRun?.status === "running";
  const s = dryRun?.summary ?? null;

  return (
    <div className="space-y-6">
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h2 className="text-lg font-semibold">Dry run</h2>
            <p className="mt-1 max-w-2xl text-sm text-zinc-600 dark:text-zinc-400">
              Plans the full run without writing anything: the staged records, the approved map and read-only searches of Freshsales decide, per record, whether it will be created, updated, skipped or fail, and what the run will cost in API calls and time.
            </p>
            <p className="mt-2 text-sm" role="status" aria-live="polite" data-testid="dry-run-status">
              {busy ? "Planning the full run…" : !dryRun ? "Not run yet." : dryRun.status === "failed" ? <Badge tone="danger">Failed: {dryRun.error}</Badge> : <Badge tone="success">Planned {dryRun.finishedAt?.slice(0, 16).replace("T", " ")} UTC</Badge>}
            </p>
          </div>
          <div className="flex gap-2">
            {s && dryRun && (
              <a className={buttonClass("secondary")} href={`/api/migrations/${encodeURIComponent(migrationId)}/dry-run/csv`}>
                Per-record CSV
              </a>
            )}
            {canRun && (
              <Button onClick={() => start.execute({ migrationId })} disabled={busy} data-testid="start-dry-run">
                {dryRun ? "Run again" : "Run dry run"}
              </Button>
            )}
          </div>
        </div>
      </Card>
      {s && <PlanFigures summary={s} />}
    </div>
  );
}

function PlanFigures({ summary }: { summary: PlanSummary }) {
  const objects = Object.entries(summary.objects);
  const callsOf = (o: string) => Object.values(summary.calls.byObject[o] ?? {}).reduce((a, b) => a + b, 0);
  const most = Math.max(1, ...Object.keys(summary.calls.byObject).map(callsOf));
  const readsTotal = Object.values(summary.reads).reduce((a, b) => a + b, 0);
  const { time } = summary.calls;
  return (
    <>
      <Card>
        <h3 className="font-semibold">Records</h3>
        <table className="mt-3 w-full text-sm" data-testid="dry-run-outcomes">
          <thead className="text-left text-zinc-500">
            <tr>
              <th className="py-1">Object</th>
              {OUTCOMES.map((o) => <th key={o} className="py-1 capitalize">{o}</th>)}
              <th className="py-1">Truncated or transformed</th>
            </tr>
          </thead>
          <tbody>
            {objects.map(([name, o]) => (
              <tr key={name} className="border-t border-zinc-100 dark:border-zinc-800" data-testid={`plan-${name}`}>
                <td className="py-1 font-medium">{name}</td>
                {OUTCOMES.map((k) => <td key={k} className="py-1 tabular-nums" data-outcome={k}>{o.outcomes[k].toLocaleString()}</td>)}
                <td className="py-1 tabular-nums">{o.flagged.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {summary.leads && (
        <Card>
          <h3 className="font-semibold">Contacts without a company</h3>
          <p className="mt-2 text-sm" data-testid="dry-run-leads">
            <span className="tabular-nums">{summary.leads.count.toLocaleString()}</span> will become {summary.leads.target === "leads_module" ? "Leads in the Leads module" : "Contacts at the Lead lifecycle stage"}: {summary.leads.why}.
          </p>
        </Card>
      )}
      <Card>
        <h3 className="font-semibold">Duplicate policies</h3>
        {(summary.policies ?? []).length === 0 ? (
          <p className="mt-2 text-sm">No record is a duplicate of another or already in Freshsales.</p>
        ) : (
          <ul className="mt-2 space-y-2 text-sm" data-testid="dry-run-policies">
            {summary.policies!.map((p) => (
              <li key={`${p.objectType}|${p.effect}`}>
                <span className="font-medium">{p.objectType}</span> × <span className="tabular-nums">{p.count.toLocaleString()}</span>: {p.effect}
                <details className="text-xs text-zinc-500">
                  <summary className="cursor-pointer">Records{p.count > p.sourceIds.length ? ` (first ${p.sourceIds.length}; the CSV lists every one)` : ""}</summary>
                  {p.sourceIds.join(", ")}
                </details>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card>
        <h3 className="font-semibold">Why records will be skipped or fail</h3>
        {objects.every(([, o]) => o.reasons.length === 0) ? (
          <p className="mt-2 text-sm">None: every record will be written.</p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm">
            {objects.flatMap(([name, o]) => o.reasons.map((r) => (
              <li key={`${name}|${r.outcome}|${r.reason}`}>
                <Badge tone={r.outcome === "failed" ? "danger" : "neutral"}>{r.outcome}</Badge> <span className="font-medium">{name}</span> × {r.count.toLocaleString()}: {r.reason}
              </li>
            )))}
          </ul>
        )}
        {summary.flagExamples.length > 0 && (
          <details className="mt-3 text-sm">
            <summary className="cursor-pointer">Fields that will be truncated or transformed (examples; the CSV lists every record)</summary>
            <ul className="mt-2 space-y-1">
              {summary.flagExamples.map((f, i) => <li key={i}><span className="font-medium">{f.objectType} {f.sourceId}</span>: {f.flag}</li>)}
            </ul>
          </details>
        )}
      </Card>
      <Card>
        <h3 className="font-semibold">API calls and time</h3>
        <p className="mt-2 text-sm" data-testid="dry-run-calls">
          The full run needs at least <strong>{summary.calls.minimum.toLocaleString()}</strong> calls (about {summary.calls.expected.toLocaleString()} with {Math.round(summary.calls.retryRate * 100)}% repeated):
          {" "}about {duration(time.expectedSeconds)} (between {duration(time.bestSeconds)} and {duration(time.highSeconds ?? time.expectedSeconds)}) at {time.perHour.toLocaleString()} calls an hour{time.perMinute ? ` and ${time.perMinute} a minute` : ""}, the same model the full-run page counts down with.
          {" "}This dry run made {readsTotal.toLocaleString()} read calls, counted against the same budget.
        </p>
        <div className="mt-4 space-y-2" role="img" aria-label="Calls by object">
          {Object.keys(summary.calls.byObject).map((o) => (
            <div key={o} className="text-sm">
              <div className="flex justify-between"><span>{o}</span><span className="tabular-nums">{callsOf(o).toLocaleString()}</span></div>
              <div className="h-2 rounded bg-zinc-100 dark:bg-zinc-800"><div className="h-2 rounded bg-accent-500" style={{ width: `${(100 * callsOf(o)) / most}%` }} /></div>
              <div className="text-xs text-zinc-500">{Object.entries(summary.calls.byObject[o]!).map(([e, n]) => `${e}: ${n.toLocaleString()}`).join(" · ")}</div>
            </div>
          ))}
        </div>
      </Card>
    </>
  );
}
