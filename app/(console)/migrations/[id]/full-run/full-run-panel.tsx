"use client";

import { useQuery } from "@tanstack/react-query";
import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { pauseRunAction, resumeRunAction, retryFailedAction, startFullRunAction } from "@/lib/migration/actions";
import type { FullRunView } from "@/lib/migration/live-view";
import { isFinishedRun } from "@/lib/migration/run-status";
import { formatCount, formatDuration, OBJECT_LABELS } from "./format";
import { FailureGateCard } from "./failure-gate-card";
import { RollbackDialog } from "./rollback-dialog";

const LIVE = new Set(["queued", "running"]);
const STATUS: Record<string, { label: string; tone: "neutral" | "info" | "success" | "danger" | "warning" }> = {
  queued: { label: "Queued", tone: "neutral" },
  running: { label: "Running", tone: "info" },
  paused: { label: "Paused", tone: "warning" },
  done: { label: "Done", tone: "success" },
  done_with_failures: { label: "Done with failures", tone: "danger" },
  failed: { label: "Stopped", tone: "danger" },
};

function useRunAction<T>(action: T, success: string, refetch: () => void) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the hook is generic over each action's own types
  return useAction(action as any, {
    onSuccess: () => {
      toast.success(success);
      refetch();
    },
    onError: ({ error }: { error: { serverError?: string } }) => {
      toast.error(error.serverError ?? "That did not work");
    },
  });
}

/** Where the hourly limit shown comes from, as the admin reads it. */
const LIMIT_SOURCE: Record<"plan" | "custom" | "server", (plan: string) => string> = {
  plan: (plan) => `${plan} plan`,
  custom: () => "your custom limit",
  server: () => "the limit Freshsales states",
};

/** Live view of the full run, polled every two seconds while it runs. */
export function FullRunPanel({ migrationId, canAct, gateDone }: { migrationId: string; canAct: boolean; gateDone: boolean }) {
  const { data, isError, refetch } = useQuery({
    queryKey: ["full-run", migrationId],
    queryFn: async () => {
      const res = await fetch(`/api/migrations/${migrationId}/runs`, { cache: "no-store" });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as FullRunView;
    },
    refetchInterval: (q) => (q.state.data?.run && LIVE.has(q.state.data.run.status)) || q.state.data?.rollback?.status === "running" ? 2_000 : false,
  });
  const again = () => void refetch();
  const start = useRunAction(startFullRunAction, "Full run started", again);
  const pause = useRunAction(pauseRunAction, "Run paused", again);
  const resume = useRunAction(resumeRunAction, "Run resumed", again);
  const retry = useRunAction(retryFailedAction, "Failed records queued again", again);

  const run = data?.run ?? null;
  const badge = run ? (STATUS[run.status] ?? { label: run.status, tone: "neutral" as const }) : null;
  const failed = data?.objects.reduce((n, o) => n + o.failed, 0) ?? 0;
  const busy = start.isExecuting || pause.isExecuting || resume.isExecuting || retry.isExecuting;

  const held = run?.status === "done_with_failures" && !gateDone;
  const failuresCard = data && failed > 0 && (
    <Card role="region" aria-labelledby="failures-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="failures-heading" className="text-lg font-semibold">Failed records ({formatCount(failed)})</h2>
        <div className="flex gap-2">
          <a className="inline-flex items-center rounded-md border border-zinc-300 px-3.5 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800" href={`/api/migrations/${migrationId}/runs/failures`} download>
            Export CSV
          </a>
          {canAct && run && isFinishedRun(run.status) && <Button disabled={busy} onClick={() => retry.execute({ migrationId })}>Retry failed records</Button>}
        </div>
      </div>
      <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
        {data.failures.map((g) => (
          <li key={g.reason} className="py-2">
            <p><strong>{formatCount(g.count)}</strong> × {g.reason}</p>
            <p className="text-xs" data-testid="remedy">What to do: {g.remedy.text}</p>
            <p className="text-xs text-zinc-600 dark:text-zinc-400">e.g. {g.examples.join(", ")}</p>
          </li>
        ))}
      </ul>
    </Card>
  );

  return (
    <div className="space-y-4">
      {/* A held gate leads the page: what is over, what to do, and the ways on. */}
      {data && held && <FailureGateCard migrationId={migrationId} standing={data.standing} held canAct={canAct} onChanged={again} />}
      {held && failuresCard}
      <Card role="region" aria-labelledby="run-heading" className="space-y-4" data-testid="full-run-panel">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-3">
            <h2 id="run-heading" className="text-lg font-semibold">Full run</h2>
            {badge && <Badge tone={badge.tone} data-testid="run-status">{badge.label}</Badge>}
            {gateDone && <Badge tone="success">Gate done</Badge>}
          </div>
          {canAct && (
            <div className="flex flex-wrap gap-2">
              {!run || isFinishedRun(run.status) || run.status === "failed" ? (
                <Button disabled={busy} onClick={() => start.execute({ migrationId })}>{run ? "Run again" : "Start full run"}</Button>
              ) : null}
              {run?.status === "running" && <Button variant="secondary" disabled={busy} onClick={() => pause.execute({ migrationId, runId: run.id })}>Pause</Button>}
              {run?.status === "paused" && <Button disabled={busy} onClick={() => resume.execute({ migrationId, runId: run.id })}>Resume</Button>}
              <RollbackDialog migrationId={migrationId} disabled={!run || run.status === "running" || data?.rollback?.status === "running"} onDone={again} />
            </div>
          )}
        </div>
        {isError && <p role="alert" className="text-sm text-red-700 dark:text-red-400">Could not load the run’s progress; retrying.</p>}
        {!run && data && <p className="text-sm text-zinc-600 dark:text-zinc-400">No full run yet. It writes every staged record in dependency order and records each on the ledger.</p>}
        {run && data && (
          <>
            <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
              <div><dt className="text-zinc-600 dark:text-zinc-400">Phase</dt><dd className="font-medium">{run.phase ?? "—"}</dd></div>
              <div><dt className="text-zinc-600 dark:text-zinc-400">Throughput</dt><dd className="font-medium">{data.throughput.recordsPerSecond.toFixed(1)} records/s</dd></div>
              <div><dt className="text-zinc-600 dark:text-zinc-400">Last minute</dt><dd className="font-medium">{formatCount(data.throughput.lastMinute)} records</dd></div>
              <div><dt className="text-zinc-600 dark:text-zinc-400">Time left</dt><dd className="font-medium" data-testid="time-left">{formatDuration(data.timeLeftSeconds)}</dd>
                {data.timeLeft && data.timeLeft.seconds > 0 && (
                  <dd className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="time-left-range">
                    {formatDuration(data.timeLeft.lowSeconds)} to {formatDuration(data.timeLeft.highSeconds)}, {data.timeLeft.basis === "plan" ? `at the plan’s pace with ${Math.round(data.timeLeft.retryRate * 100)}% of calls repeated` : "at this run’s pace"}
                  </dd>
                )}
              </div>
            </dl>
            {data.gauge && (
              <div className="space-y-1 text-sm">
                <p>
                  API calls this hour: <strong>{formatCount(data.gauge.windowUsed)}</strong> of {formatCount(data.gauge.limitPerHour)} ({LIMIT_SOURCE[data.gauge.limitSource](data.gauge.planLabel)}, shared by every worker); this run used {formatCount(data.calls.used)}, about {formatCount(data.calls.remainingEstimate)} to go.
                </p>
                <Progress value={data.gauge.windowUsed} max={data.gauge.limitPerHour} label="API calls used this hour" />
              </div>
            )}
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Records per object by ledger state</caption>
              <thead className="text-zinc-600 dark:text-zinc-400">
                <tr>
                  <th scope="col" className="py-1">Object</th>
                  <th scope="col" className="py-1 text-right">Source</th>
                  <th scope="col" className="py-1 text-right">Written</th>
                  <th scope="col" className="py-1 text-right">Skipped</th>
                  <th scope="col" className="py-1 text-right">Failed</th>
                  <th scope="col" className="py-1 text-right">To do</th>
                </tr>
              </thead>
              <tbody>
                {data.objects.map((o) => (
                  <tr key={o.objectType} className="border-t border-zinc-200 dark:border-zinc-800" data-testid={`counts-${o.objectType}`}>
                    <th scope="row" className="py-1 font-normal">{OBJECT_LABELS[o.objectType] ?? o.objectType}{!o.addsUp && <Badge tone="danger" className="ml-2">does not add up</Badge>}</th>
                    <td className="py-1 text-right">{formatCount(o.source)}</td>
                    <td className="py-1 text-right">{formatCount(o.written)}</td>
                    <td className="py-1 text-right">{formatCount(o.skipped)}</td>
                    <td className="py-1 text-right">{formatCount(o.failed)}</td>
                    <td className="py-1 text-right">{formatCount(o.pending + o.intent)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Card>

      {!held && failuresCard}
      {data && !held && <FailureGateCard migrationId={migrationId} standing={data.standing} held={false} canAct={canAct} onChanged={again} />}

      {data?.rollback && (
        <Card role="region" aria-labelledby="rollback-heading">
          <h2 id="rollback-heading" className="text-lg font-semibold">Rollback</h2>
          <p className="mt-1 text-sm">
            {data.rollback.status === "done" ? "Done: " : "In progress: "}
            {Object.entries(((data.rollback.report ?? {}) as { deleted?: Record<string, number> }).deleted ?? {}).map(([k, v]) => `${formatCount(v)} ${k}`).join(", ") || "nothing deleted yet"}
            {`; ${formatCount(((data.rollback.report ?? {}) as { restored?: number }).restored ?? 0)} updated records restored.`}
          </p>
        </Card>
      )}
    </div>
  );
}
