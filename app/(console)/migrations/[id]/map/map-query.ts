"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useSyncExternalStore } from "react";
import { toast } from "sonner";
import { patchFieldMap } from "@/lib/mapping/review/field-map-patch";
import type { FieldMapPatch } from "@/lib/mapping/review/review-service";
import type { MapReviewView } from "@/lib/mapping/review/review-view";

export const mapKeys = { migration: (id: string) => ["map-review", id] as const };

async function fetchMapReview(migrationId: string): Promise<MapReviewView> {
  const res = await fetch(`/api/migrations/${encodeURIComponent(migrationId)}/map`, { cache: "no-store" });
  const body = (await res.json().catch(() => ({}))) as MapReviewView & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `Could not load the map (${res.status})`);
  return body;
}

export function useMapReview(migrationId: string, initial: MapReviewView) {
  return useQuery({ queryKey: mapKeys.migration(migrationId), queryFn: () => fetchMapReview(migrationId), initialData: initial, refetchInterval: 60_000 });
}

/** Refreshes the map data and the step bar after a change. */
export function useMapRefresh(migrationId: string) {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: mapKeys.migration(migrationId) });
    router.refresh();
  }, [queryClient, router, migrationId]);
}

// Map actions still on their way to the server, per migration: an approval waits for them, or it
// would approve the version before the edit (the server accepts that hash, then the edit withdraws it).
const inFlight = new Map<string, number>();
const listeners = new Set<() => void>();
function countSave(migrationId: string, by: 1 | -1) {
  inFlight.set(migrationId, Math.max(0, (inFlight.get(migrationId) ?? 0) + by));
  for (const l of listeners) l();
}
const subscribe = (l: () => void) => (listeners.add(l), () => void listeners.delete(l));

/** True while any edit of this migration's map is being saved. */
export function useMapSaving(migrationId: string): boolean {
  return useSyncExternalStore(subscribe, () => (inFlight.get(migrationId) ?? 0) > 0, () => false);
}

const saveTracking = (migrationId: string) => ({
  onExecute: () => countSave(migrationId, 1),
  onSettled: () => countSave(migrationId, -1),
});

/** Shared outcome handling of a map action (pass to `useAction`): a toast, then a refresh. */
export function useMapCallbacks(migrationId: string, success?: string) {
  const refresh = useMapRefresh(migrationId);
  return {
    ...saveTracking(migrationId),
    onSuccess: () => {
      if (success) toast.success(success);
      void refresh();
    },
    onError: ({ error }: { error: { serverError?: string; validationErrors?: unknown } }) => {
      toast.error(error.serverError ?? (error.validationErrors ? "Some values are not valid." : "That did not work."));
      void refresh();
    },
  };
}

/**
 * Outcome handling of a field-map edit: the server answers with the edited mappings and the new
 * hash, patched into the cached map here; the whole map is loaded again only when the edit
 * withdrew an approval (the step bar changed) or failed (someone else may have edited it).
 */
export function useFieldMapPatchCallbacks(migrationId: string, success: string) {
  const queryClient = useQueryClient();
  const { onError } = useMapCallbacks(migrationId);
  const refresh = useMapRefresh(migrationId);
  return {
    ...saveTracking(migrationId),
    onSuccess: ({ data }: { data?: FieldMapPatch }) => {
      toast.success(success);
      if (!data || data.withdrawn.length > 0) return void refresh();
      queryClient.setQueryData<MapReviewView>(mapKeys.migration(migrationId), (view) => (view ? patchFieldMap(view, data) : view));
    },
    onError,
  };
}
