"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { endDeltaWindowAction } from "@/lib/cutover/delta/actions";
import type { DeltaView } from "@/lib/cutover/delta/delta-view";
import { ConflictList } from "./conflict-list";
import { DeletionList } from "./deletion-list";
import { ExtendWindowForm } from "./extend-window-form";
import { PollChart } from "./poll-chart";
import { OpenWindowForm } from "./open-window-form";

const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : "—");
const OUTCOME: Record<string, string> = { created: "created", updated: "updated", conflict: "conflict", not_updatable: "listed only (no update in Freshsales)", deleted_in_source: "deleted in the source (listed below for you to decide)", unchanged: "unchanged" };

async function fetchDelta(migrationId: string): Promise<DeltaView> {
  const res = await fetch(`/api/migrations/${encodeURIComponent(migrationId)}/delta`, { cache: "no-store" });
  const body = (await res.json().catch(() => ({}))) as DeltaView & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `Could not load the delta window (${res.status})`);
  return body;
}

export function DeltaPanel({ migrationId, initial, canAct, gateDone }: { migrationId: string; initial: DeltaView; canAct: boolean; gateDone: boolean }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const { data: view } = useQuery({
    queryKey: ["delta", migrationId],
    queryFn: () => fetchDelta(migrationId),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.window?.status === "running" ? 2000 : false),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ["delta", migrationId] });
    router.refresh();
  };
  const end = useAction(endDeltaWindowAction, {
    onSuccess: ({ data }) => {
      toast.success(data?.gateCompleted ? "Window ended; the Delta step is done" : `Window ended; decide the ${data?.openConflicts ?? 0} open conflicts and ${data?.openDeletions ?? 0} deletions${data?.pendingChanges ? `, and open another window to write ${data.pendingChanges} changes it did not write` : ""} to finish the step`);
      refresh();
    },
    onError: ({ error }) => toast.error(error.serverError ?? "The window could not end"),
  });
  const w = view.window;
  const s = w?.stats;
  return (
    <div className="space-y-6">
      <Card>
        <h2 className="text-lg font-semibold">Delta window</h2>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          While the team keeps working in Visual Practice, the source is polled for records changed since the run and they are applied to Freshsales. A record also edited in Freshsales after the run is merged field by field: what only one side changed is kept, and a field both sides changed differently is listed below for you to decide.
        </p>
        <div className="mt-4 text-sm" role="status" aria-live="polite" data-testid="delta-status">
          {!w ? "Not opened yet." : w.status === "running" ? <Badge tone="info">Open until {when(w.settings.endsAt)}</Badge> : <Badge tone="success">Ended {when(w.finishedAt)}</Badge>}
          {gateDone && <span className="ml-2">The Delta step is done.</span>}
        </div>
        {w && s && (
          <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4" data-testid="delta-figures">
            <div><dt className="text-zinc-600 dark:text-zinc-400">Window</dt><dd>{w.settings.windowHours} h, poll every {w.settings.intervalSeconds} s</dd></div>
            <div><dt className="text-zinc-600 dark:text-zinc-400">Last poll</dt><dd>{when(s.lastPollAt)}{s.lastError ? ` — ${s.lastError}` : ""}</dd></div>
            {w.status === "running" && <div><dt className="text-zinc-600 dark:text-zinc-400">Next poll</dt><dd data-testid="delta-next-poll">{s.lastPollAt ? when(new Date(Date.parse(s.lastPollAt) + w.settings.intervalSeconds * 1000).toISOString()) : "soon"}</dd></div>}
            <div><dt className="text-zinc-600 dark:text-zinc-400">Changes since</dt><dd>{when(w.watermark)}</dd></div>
            <div><dt className="text-zinc-600 dark:text-zinc-400">Polls</dt><dd>{s.polls}</dd></div>
            <div><dt className="text-zinc-600 dark:text-zinc-400">Records picked up</dt><dd data-testid="delta-picked">{s.pickedUp}</dd></div>
            <div><dt className="text-zinc-600 dark:text-zinc-400">Created / updated</dt><dd>{s.created} / {s.updated}</dd></div>
            <div><dt className="text-zinc-600 dark:text-zinc-400">Conflicts</dt><dd>{s.conflicts} ({view.openConflicts} open)</dd></div>
            <div><dt className="text-zinc-600 dark:text-zinc-400">Deleted in the source</dt><dd>{s.deletedInSource ?? 0} ({view.openDeletions} to decide)</dd></div>
            <div><dt className="text-zinc-600 dark:text-zinc-400">Failed</dt><dd>{s.failed}</dd></div>
            {view.pendingChanges > 0 && <div><dt className="text-zinc-600 dark:text-zinc-400">Picked up, not yet written</dt><dd data-testid="delta-pending">{view.pendingChanges}</dd></div>}
          </dl>
        )}
        {canAct && (
          <div className="mt-4">
            {!w || w.status !== "running" ? (
              <div className="space-y-2">
                {w && <p className="text-sm text-zinc-600 dark:text-zinc-400">Another window reads on from where this one stopped (after a re-run of failed records, say); the Delta step then waits for it too.</p>}
                <OpenWindowForm migrationId={migrationId} onOpened={refresh} again={Boolean(w)} />
              </div>
            ) : (
              <div className="flex flex-wrap items-end gap-4">
                <ExtendWindowForm migrationId={migrationId} onExtended={refresh} />
                <Button variant="secondary" disabled={end.isExecuting} onClick={() => end.execute({ migrationId })} data-testid="delta-end">
                  {end.isExecuting ? "Ending…" : "End the window now"}
                </Button>
              </div>
            )}
          </div>
        )}
      </Card>
      {s && (s.history?.length ?? 0) > 0 && (
        <Card>
          <h2 className="text-lg font-semibold">Changes found per poll</h2>
          <div className="mt-3"><PollChart history={s.history ?? []} /></div>
        </Card>
      )}
      {s && s.recent.length > 0 && (
        <Card>
          <h2 className="text-lg font-semibold">Latest records picked up</h2>
          <ul className="mt-2 space-y-1 text-sm" data-testid="delta-recent">
            {s.recent.map((p) => (
              <li key={`${p.collection}/${p.sourceId}/${p.at}`}>
                <span className="font-mono text-xs">{p.collection} {p.sourceId}</span> — {OUTCOME[p.outcome] ?? p.outcome}, {when(p.at)}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card>
        <h2 className="text-lg font-semibold">Conflicts</h2>
        <div className="mt-3">
          <ConflictList migrationId={migrationId} conflicts={view.conflicts} canAct={canAct} onDecided={refresh} />
        </div>
      </Card>
      <Card>
        <h2 className="text-lg font-semibold">Deleted in the source</h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Nothing is deleted in Freshsales by itself: delete each record there or keep it.</p>
        <div className="mt-3">
          <DeletionList migrationId={migrationId} deletions={view.deletions} canAct={canAct} onDecided={refresh} />
        </div>
      </Card>
    </div>
  );
}
