import type { ConnectionsView } from "@/lib/connections/types";

export const connectionKeys = {
  all: ["connections"] as const,
  migration: (migrationId: string) => [...connectionKeys.all, migrationId] as const,
};

export async function fetchConnections(migrationId: string): Promise<ConnectionsView> {
  const res = await fetch(`/api/migrations/${encodeURIComponent(migrationId)}/connections`, { cache: "no-store" });
  const body = (await res.json().catch(() => ({}))) as ConnectionsView & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `Could not load the connections (${res.status})`);
  return body;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
