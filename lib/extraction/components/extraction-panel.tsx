"use client";

import { useQuery } from "@tanstack/react-query";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { startExtractionAction } from "../actions";
import type { ExtractionProgress } from "../progress";
import { formatCount, formatDuration, formatRate } from "./format";
import { ProblemsList } from "./problems-list";

const LIVE = new Set(["queued", "running", "profiling"]);

const STATUS: Record<string, { label: string; tone: "neutral" | "info" | "success" | "danger" | "warning" }> = {
  queued: { label: "Queued", tone: "neutral" },
  running: { label: "Extracting", tone: "info" },
  profiling: { label: "Building inventory", tone: "info" },
  done: { label: "Done", tone: "success" },
  failed: { label: "Stopped", tone: "danger" },
};

export function extractionKey(migrationId: string) {
  return ["extraction", migrationId] as const;
}

/** Live progress of the latest extraction, polled every second while it runs. */
export function ExtractionPanel({ migrationId, canStart, locked }: { migrationId: string; canStart: boolean; locked: boolean }) {
  const router = useRouter();
  const { data, isError, refetch } = useQuery({
    queryKey: extractionKey(migrationId),
    queryFn: async () => {
      const res = await fetch(`/api/migrations/${migrationId}/extraction`, { cache: "no-store" });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as ExtractionProgress;
    },
    refetchInterval: (query) => (query.state.data?.run && LIVE.has(query.state.data.run.status) ? 1_000 : false),
  });
  const status = data?.run?.status;
  const { execute, isExecuting } = useAction(startExtractionAction, {
    onSuccess() {
      toast.success("Extraction queued");
      void refetch();
    },
    onError({ error }) {
      toast.error(error.serverError ?? "Could not start the extraction");
    },
  });

  // When a run finishes, the server-rendered inventory below needs the new data.
  const previous = useRef(status);
  useEffect(() => {
    if (previous.current && LIVE.has(previous.current) && status && !LIVE.has(status)) router.refresh();
    previous.current = status;
  }, [status, router]);

  const run = data?.run ?? null;
  const live = run ? LIVE.has(run.status) : false;
  const totals = data?.totals ?? null;
  const badge = run ? (STATUS[run.status] ?? { label: run.status, tone: "neutral" as const }) : null;

  return (
    <Card aria-labelledby="extraction-heading" role="region" className="space-y-4" data-testid="extraction-panel">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <h2 id="extraction-heading" className="text-lg font-semibold">Extraction</h2>
          {badge && <Badge tone={badge.tone} data-testid="extraction-status">{badge.label}</Badge>}
        </div>
        {canStart && !locked && (
          <div className="flex gap-2">
            {run?.status === "failed" && (
              <Button disabled={isExecuting} onClick={() => execute({ migrationId, mode: "resume" })}>Resume</Button>
            )}
            <Button
              variant={run ? "secondary" : "primary"}
              disabled={isExecuting || live}
              onClick={() => {
                if (run && !window.confirm("Extract everything again? The Inventory step and every step after it are reopened until the new extraction finishes.")) return;
                execute({ migrationId, mode: "new" });
              }}
            >
              {run ? "Re-extract" : "Start extraction"}
            </Button>
          </div>
        )}
      </div>
      {locked && <p className="text-sm">This step is locked until Visual Practice and Freshsales are connected.</p>}
      {!canStart && !run && <p className="text-sm text-zinc-600 dark:text-zinc-400">An admin of your organisation starts the extraction.</p>}
      {isError && <p role="alert" className="text-sm text-red-700 dark:text-red-400">Could not load the extraction progress.</p>}
      {run?.error && <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-300">{run.error}</p>}
      {run && totals && (
        <>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-live="polite">
            <Stat label="Records staged" value={`${formatCount(totals.records)}${totals.expected !== null ? ` of ${formatCount(totals.expected)}` : ""}`} />
            <Stat label="Records per second" value={formatRate(totals.recordsPerSecond)} />
            <Stat label="Problems" value={formatCount(totals.problems)} />
            <Stat label={live ? "Time left" : "Took"} value={live ? formatDuration(totals.secondsLeft) : formatDuration(totals.elapsedSeconds)} />
          </dl>
          {run.watermark && (
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              Changes made in Visual Practice after {new Date(run.watermark).toLocaleString()} are picked up by the delta window.
            </p>
          )}
          <CollectionsTable collections={data?.collections ?? []} />
          {totals.problems > 0 && <ProblemsList migrationId={migrationId} runId={run.id} live={live} />}
        </>
      )}
    </Card>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

function CollectionsTable({ collections }: { collections: ExtractionProgress["collections"] }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Records staged per collection</caption>
      <thead className="text-xs text-zinc-600 dark:text-zinc-400">
        <tr>
          <th scope="col" className="py-1 pr-3 font-medium">Collection</th>
          <th scope="col" className="py-1 pr-3 font-medium">Progress</th>
          <th scope="col" className="py-1 pr-3 text-right font-medium">Records</th>
          <th scope="col" className="py-1 text-right font-medium">Problems</th>
        </tr>
      </thead>
      <tbody>
        {collections.map((c) => {
          const total = c.done ? c.records : c.totalRecords;
          const pct = c.done ? 100 : total ? Math.min(100, Math.round((c.records / total) * 100)) : 0;
          return (
            <tr key={c.collection} className="border-t border-zinc-100 dark:border-zinc-800">
              <th scope="row" className="py-1.5 pr-3 font-medium">{c.collection}</th>
              <td className="py-1.5 pr-3">
                <div role="progressbar" aria-label={`${c.collection} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 w-full min-w-24 rounded-full bg-zinc-100 dark:bg-zinc-800">
                  <div className="h-2 rounded-full bg-accent-600" style={{ width: `${pct}%` }} />
                </div>
              </td>
              <td className="py-1.5 pr-3 text-right tabular-nums">
                {formatCount(c.records)}
                {total !== null && !c.done ? ` / ${formatCount(total)}` : ""}
              </td>
              <td className="py-1.5 text-right tabular-nums">{c.problems > 0 ? formatCount(c.problems) : "–"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
