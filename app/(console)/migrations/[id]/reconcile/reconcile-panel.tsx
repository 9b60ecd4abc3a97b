"use client";

import { useState } from "react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { revealSensitiveAction, runReconcileAction } from "@/lib/verification/actions";
import { DiffTable } from "@/lib/verification/components/diff-table";
import type { ReconcileView } from "@/lib/verification/reconcile-view";
import { CountsTable } from "./counts-table";
import { DivergenceList } from "./divergence-list";

const ACTIVE = new Set(["queued", "running"]);
/** The diff of a large sample runs to thousands of fields: the page shows the first ones, the CSV has all. */
const SHOWN_ROWS = 200;

async function fetchReport(migrationId: string, reveal: boolean): Promise<ReconcileView> {
  const res = await fetch(`/api/migrations/${encodeURIComponent(migrationId)}/reconcile${reveal ? "?reveal=1" : ""}`, { cache: "no-store" });
  const body = (await res.json().catch(() => ({}))) as ReconcileView & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `Could not load the report (${res.status})`);
  return body;
}

export function ReconcilePanel({ migrationId, initial, isAdmin, canAct, gateDone }: { migrationId: string; initial: ReconcileView; isAdmin: boolean; canAct: boolean; gateDone: boolean }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [reveal, setReveal] = useState(false);
  const [mismatchesOnly, setMismatchesOnly] = useState(false);
  const { data: view = initial } = useQuery({
    queryKey: ["reconcile", migrationId, reveal],
    queryFn: () => fetchReport(migrationId, reveal),
    initialData: reveal ? undefined : initial,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.run && ACTIVE.has(q.state.data.run.status) ? 1500 : false),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ["reconcile", migrationId] });
    router.refresh();
  };
  const run = useAction(runReconcileAction, { onSuccess: () => { toast.success("Reconciliation started"); refresh(); }, onError: ({ error }) => toast.error(error.serverError ?? "Reconciliation could not start") });
  const revealAction = useAction(revealSensitiveAction);
  const busy = view.run !== null && ACTIVE.has(view.run.status);
  const report = view.report;
  const base = `/api/migrations/${encodeURIComponent(migrationId)}/reconcile/download`;
  const rows = report ? (mismatchesOnly ? report.diff.filter((r) => r.verdict === "mismatch") : report.diff) : [];
  return (
    <div className="space-y-6">
      <Card>
        <h2 className="text-lg font-semibold">Reconciliation</h2>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Per object: the source count, the ledger’s states and the count Freshsales lists; then the same field-level diff as the sample, over a random sample of the full run. Any divergence holds go-live until it is explained or the migration is rolled back.
        </p>
        <div className="mt-4 text-sm" role="status" aria-live="polite" data-testid="reconcile-status">
          {!view.run ? "Not run yet." : busy ? <Badge tone="info">Reconciling…</Badge> : view.run.status === "failed" ? <Badge tone="danger">Failed: {view.run.error ?? "see the worker log"}</Badge> : view.unexplained > 0 ? <Badge tone="danger">{view.unexplained} divergences to explain</Badge> : <Badge tone="success">Reconciled</Badge>}
          {gateDone && <span className="ml-2">The Reconcile step is done.</span>}
        </div>
        {canAct && (
          <Button className="mt-4" disabled={busy || run.isExecuting} onClick={() => run.execute({ migrationId })} data-testid="reconcile-run">
            {view.run ? "Reconcile again" : "Reconcile"}
          </Button>
        )}
      </Card>
      {report && view.run && (
        <>
          <Card>
            <div className="flex flex-wrap items-center justify-between gap-3">
              <h2 className="text-lg font-semibold">Counts</h2>
              <div className="flex flex-wrap gap-2 text-sm">
                <a className={buttonClass("secondary")} href={`${base}?part=counts`}>Counts (CSV)</a>
                <a className={buttonClass("secondary")} href={`${base}?part=divergences`}>Divergences (CSV)</a>
                <a className={buttonClass("secondary")} href={`${base}?part=diff${reveal ? "&reveal=1" : ""}`}>Diff (CSV)</a>
                <a className={buttonClass("secondary")} href={`${base}?format=json${reveal ? "&reveal=1" : ""}`} data-testid="reconcile-json">Full report (JSON)</a>
              </div>
            </div>
            <div className="mt-3"><CountsTable objects={report.objects} /></div>
          </Card>
          <Card>
            <h2 className="text-lg font-semibold">Divergences</h2>
            <div className="mt-3">
              <DivergenceList migrationId={migrationId} reportId={view.run.id} divergences={report.divergences} explanations={report.explanations} canAct={canAct} onChanged={refresh} />
            </div>
          </Card>
          <Card>
            <h2 className="text-lg font-semibold">Field-level diff of {report.summary.records} random records</h2>
            <div className="mt-3 flex flex-wrap gap-4 text-sm">
              <label className="flex items-center gap-2"><input type="checkbox" checked={mismatchesOnly} onChange={(e) => setMismatchesOnly(e.target.checked)} />Mismatches only</label>
              {isAdmin && (
                <label className="flex items-center gap-2">
                  <input type="checkbox" checked={reveal} onChange={(e) => { if (e.target.checked) revealAction.execute({ migrationId, where: "reconcile" }); setReveal(e.target.checked); }} />
                  Show health data (recorded in the audit log)
                </label>
              )}
            </div>
            <div className="mt-3"><DiffTable rows={rows.slice(0, SHOWN_ROWS)} caption="Reconciliation diff" /></div>
            {rows.length > SHOWN_ROWS && (
              <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400" data-testid="reconcile-diff-shown">
                Showing the first {SHOWN_ROWS} of {rows.length} fields; the Diff (CSV) download has them all.
              </p>
            )}
          </Card>
        </>
      )}
    </div>
  );
}
