"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { runPreflightAction } from "@/lib/mapping/review/actions";
import type { PreflightResult } from "@/lib/mapping/review/preflight-checks";
import { AccountNameGroups } from "./account-name-groups";
import { ToCreateList } from "./to-create-list";

const key = (id: string) => ["preflight", id] as const;

async function fetchPreflight(migrationId: string): Promise<PreflightResult | null> {
  const res = await fetch(`/api/migrations/${encodeURIComponent(migrationId)}/preflight`, { cache: "no-store" });
  const body = (await res.json().catch(() => ({}))) as { result?: PreflightResult | null; error?: string };
  if (!res.ok) throw new Error(body.error ?? `Could not load the preflight (${res.status})`);
  return body.result ?? null;
}

export function PreflightPanel({ migrationId, initial, canRun, gateDone }: { migrationId: string; initial: PreflightResult | null; canRun: boolean; gateDone: boolean }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const { data: result } = useQuery({ queryKey: key(migrationId), queryFn: () => fetchPreflight(migrationId), initialData: initial });
  const run = useAction(runPreflightAction, {
    onSuccess: ({ data }) => {
      if (data?.passed) toast.success("Preflight passed");
      else toast.error("Preflight found what Freshsales still needs");
    },
    onError: ({ error }) => toast.error(error.serverError ?? "The preflight could not run"),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: key(migrationId) });
      router.refresh();
    },
  });

  return (
    <div className="space-y-6">
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h2 className="text-lg font-semibold">Preflight</h2>
            <p className="mt-1 max-w-2xl text-sm text-zinc-600 dark:text-zinc-400">
              Reads Freshsales now and checks the approved map against it: every target field with a compatible type, every choice a value map uses, every pipeline and stage, every owner an active user.
            </p>
            <p className="mt-2 text-sm" role="status" aria-live="polite" data-testid="preflight-status">
              {run.isExecuting ? (
                "Checking Freshsales…"
              ) : !result ? (
                "Not run yet."
              ) : result.passed ? (
                <Badge tone="success">Passed {`${result.checkedAt.slice(0, 16).replace("T", " ")} UTC`}: the map can land</Badge>
              ) : (
                <Badge tone="danger">Failed {`${result.checkedAt.slice(0, 16).replace("T", " ")} UTC`}: Freshsales needs the items below</Badge>
              )}
              {gateDone && !run.isExecuting && <span className="ml-2">The Preflight step is done.</span>}
            </p>
          </div>
          {canRun && (
            <Button onClick={() => run.execute({ migrationId })} disabled={run.isExecuting}>
              {run.isExecuting ? "Checking…" : result ? "Re-check" : "Run preflight"}
            </Button>
          )}
        </div>
        {!canRun && <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">Only an admin can run the preflight.</p>}
      </Card>
      {result && <ToCreateList result={result} />}
      {result?.accountNames && <AccountNameGroups check={result.accountNames} />}
    </div>
  );
}
