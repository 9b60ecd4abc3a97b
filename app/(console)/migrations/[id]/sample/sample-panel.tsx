"use client";

import { useState } from "react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { revealSensitiveAction } from "@/lib/verification/actions";
import { DiffFilters, filterQuery, NO_FILTER, type FilterState } from "@/lib/verification/components/diff-filters";
import { DiffTable, VERDICT_LABEL } from "@/lib/verification/components/diff-table";
import type { Verdict } from "@/lib/verification/field-diff";
import type { SampleView } from "@/lib/verification/sample-view";
import { SampleRequest } from "./sample-request";
import { SignOff } from "./sign-off";

const ACTIVE = new Set(["queued", "running"]);
const PHASE: Record<string, string> = { removing: "Removing the previous sample from Freshsales…", writing: "Writing the slice to Freshsales…", diffing: "Reading it back and comparing…", done: "Done" };

async function fetchSample(migrationId: string, query: string): Promise<SampleView> {
  const res = await fetch(`/api/migrations/${encodeURIComponent(migrationId)}/sample?${query}`, { cache: "no-store" });
  const body = (await res.json().catch(() => ({}))) as SampleView & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `Could not load the sample (${res.status})`);
  return body;
}

export function SamplePanel({ migrationId, initial, isAdmin, canRun, gateDone }: { migrationId: string; initial: SampleView; isAdmin: boolean; canRun: boolean; gateDone: boolean }) {
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<FilterState>(NO_FILTER);
  const [page, setPage] = useState(1);
  const query = filterQuery(filter, page);
  const { data: view = initial } = useQuery({
    queryKey: ["sample", migrationId, query],
    queryFn: () => fetchSample(migrationId, query),
    initialData: query === "" ? initial : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.run && ACTIVE.has(q.state.data.run.status) ? 1500 : false),
  });
  const reveal = useAction(revealSensitiveAction, { onError: ({ error }) => toast.error(error.serverError ?? "Could not reveal") });
  const run = view.run;
  const busy = run !== null && ACTIVE.has(run.status);
  const change = (next: FilterState) => {
    setFilter(next);
    setPage(1);
  };
  return (
    <div className="space-y-6">
      <Card>
        <h2 className="text-lg font-semibold">Sample migration</h2>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          A connected slice is written to Freshsales through the migration engine, read back, and compared field by field with the source and with the value the map should produce. Sign it off, or change the map and run it again.
        </p>
        <div className="mt-4 text-sm" role="status" aria-live="polite" data-testid="sample-status">
          {!run ? (
            "No sample yet."
          ) : run.status === "failed" ? (
            <Badge tone="danger">Failed: {run.error ?? "see the worker log"}</Badge>
          ) : busy ? (
            <Badge tone="info">{run.status === "queued" ? "Queued…" : (PHASE[run.phase ?? ""] ?? "Running…")}</Badge>
          ) : (
            <span>
              <Badge tone="success">Sample done</Badge> {run.chosen} records chosen (asked for {run.requested}), finished {run.finishedAt ? new Date(run.finishedAt).toLocaleString() : ""}.
              {view.removed && view.removed.rows > 0 && ` The previous sample’s ${view.removed.rows} records were removed first.`}
            </span>
          )}
          {gateDone && <span className="ml-2">The Sample step is done.</span>}
        </div>
        {canRun && (
          <div className="mt-4">
            <SampleRequest migrationId={migrationId} again={run !== null} busy={busy} onStarted={() => void queryClient.invalidateQueries({ queryKey: ["sample", migrationId] })} />
          </div>
        )}
      </Card>

      {run?.status === "done" && view.summary && (
        <Card>
          <h2 className="text-lg font-semibold">Field-level diff</h2>
          {view.leads && (
            <p className="mt-2 text-sm" data-testid="sample-leads">
              Contacts without a company (the slice, connected through companies, holds none) will go {view.leads.target === "leads_module" ? "to the Leads module" : "in as Contacts at the Lead lifecycle stage"}: {view.leads.why}.
            </p>
          )}
          <ul className="mt-3 flex flex-wrap gap-3 text-sm" data-testid="sample-summary">
            <li>{view.summary.records} records, {view.summary.fields} fields:</li>
            {(Object.keys(VERDICT_LABEL) as Verdict[]).map((v) => (
              <li key={v} data-verdict={v}>
                <button type="button" className="underline-offset-2 hover:underline" onClick={() => change({ ...filter, verdict: v, mismatchesOnly: false })}>
                  {VERDICT_LABEL[v]}: <strong>{view.summary!.byVerdict[v]}</strong>
                </button>
              </li>
            ))}
          </ul>
          <div className="mt-4">
            <DiffFilters
              value={filter}
              onChange={change}
              objects={view.objects}
              fields={view.fields}
              canReveal={isAdmin}
              onReveal={(on) => {
                if (on) reveal.execute({ migrationId, where: "sample" });
                change({ ...filter, reveal: on });
              }}
            />
          </div>
          <div className="mt-4">
            <DiffTable rows={view.rows} caption="Sample diff: source, expected and Freshsales values per field" />
          </div>
          <nav className="mt-3 flex items-center gap-3 text-sm" aria-label="Diff pages">
            <Button variant="secondary" disabled={view.page <= 1} onClick={() => setPage(view.page - 1)}>Previous</Button>
            <span>Page {view.page} of {Math.max(1, view.pages)} ({view.total} fields)</span>
            <Button variant="secondary" disabled={view.page >= view.pages} onClick={() => setPage(view.page + 1)}>Next</Button>
            <a className={buttonClass("ghost")} href={`/api/migrations/${encodeURIComponent(migrationId)}/sample/download?${filterQuery({ ...filter })}`}>Download CSV</a>
          </nav>
          {view.outcomes.length > 0 && (
            <details className="mt-4 text-sm">
              <summary className="cursor-pointer font-medium">{view.outcomes.length} records of the slice were not written</summary>
              <ul className="mt-2 space-y-1">
                {view.outcomes.map((o) => (
                  <li key={`${o.objectType}/${o.sourceId}`}>
                    <span className="font-mono text-xs">{o.objectType} {o.sourceId}</span> — {o.state}: {o.reason ?? "no reason recorded"}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <div className="mt-6 border-t border-zinc-200 pt-4 dark:border-zinc-800">
            <h3 className="text-base font-semibold">Sign-off</h3>
            <div className="mt-2">
              <SignOff migrationId={migrationId} runId={run.id} mismatches={view.summary.byVerdict.mismatch} signedOff={view.signOff} mapChanged={view.mapChanged} canSign={isAdmin} />
            </div>
          </div>
        </Card>
      )}
    </div>
  );
}
