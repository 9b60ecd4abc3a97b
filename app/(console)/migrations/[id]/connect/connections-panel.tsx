"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { ConnectionsView, ConnectionView } from "@/lib/connections/types";
import { connectionKeys, fetchConnections } from "./connection-query";
import { FreshsalesCard } from "./freshsales-card";
import { VisualPracticeCard } from "./visual-practice-card";

export interface CardProps {
  migrationId: string;
  connection: ConnectionView | null;
  canEdit: boolean;
  /** Call after any change: refreshes the cached view and the step bar. */
  onChanged: (view?: ConnectionView | null) => void;
}

export function ConnectionsPanel({ migrationId, initial, canEdit, gateDone }: { migrationId: string; initial: ConnectionsView; canEdit: boolean; gateDone: boolean }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const { data = initial } = useQuery({
    queryKey: connectionKeys.migration(migrationId),
    queryFn: () => fetchConnections(migrationId),
    initialData: initial,
    refetchInterval: 30_000,
  });
  const onChanged = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: connectionKeys.migration(migrationId) });
    router.refresh();
  }, [queryClient, router, migrationId]);

  return (
    <div className="space-y-6">
      <Card>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 className="text-lg font-semibold">Connect</h2>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
              Connect the Visual Practice source and the Freshsales destination. The step is done when both pass their test.
            </p>
          </div>
          <p role="status" data-testid="connect-status">
            {data.ready || gateDone ? <Badge tone="success">Both connections tested</Badge> : <Badge tone="warning">Waiting for two passing tests</Badge>}
          </p>
        </div>
        {!canEdit && <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">Only an admin can change connections; you can see their status here.</p>}
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <VisualPracticeCard migrationId={migrationId} connection={data.visualPractice} canEdit={canEdit} onChanged={onChanged} />
        <FreshsalesCard migrationId={migrationId} connection={data.freshsales} canEdit={canEdit} onChanged={onChanged} />
      </div>
    </div>
  );
}
