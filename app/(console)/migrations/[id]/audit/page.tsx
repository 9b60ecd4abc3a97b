import type { Metadata } from "next";
import { Card, EmptyState } from "@/components/ui/card";
import { loadMigrationForPage } from "@/lib/gates/page-data";
import { migrationEvents } from "@/lib/audit/audit-log";
import { db } from "@/lib/server/db";
import { VerifyChainButton } from "./verify-chain-button";

export const metadata: Metadata = { title: "Audit log" };

/** The migration's events, newest first, from the organisation's hash-chained log. */
export default async function AuditPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, migration } = await loadMigrationForPage(id);
  const events = await migrationEvents(db(), user.organizationId, migration.id);
  return (
    <Card>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">Audit log</h2>
        <VerifyChainButton />
      </div>
      {events.length === 0 ? (
        <EmptyState title="No events yet" />
      ) : (
        <ol className="relative space-y-3 border-l border-zinc-200 pl-5 dark:border-zinc-800">
          {events.map((e) => (
            <li key={String(e.id)} className="text-sm">
              <span aria-hidden className="absolute -left-1.5 mt-1.5 h-3 w-3 rounded-full bg-accent-500" />
              <div className="flex flex-wrap items-baseline gap-x-3">
                <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">#{e.seq}</span>
                <span className="font-medium">{e.action}</span>
                <span className="text-zinc-600 dark:text-zinc-400">{e.actorEmail ?? "system"}</span>
                <time className="text-xs text-zinc-600 dark:text-zinc-400" dateTime={e.createdAt.toISOString()}>
                  {e.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC
                </time>
              </div>
              {e.detail && Object.keys(e.detail as object).length > 0 && (
                <pre className="mt-1 overflow-x-auto rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-950">{JSON.stringify(e.detail)}</pre>
              )}
              <p className="mt-0.5 truncate font-mono text-[11px] text-zinc-600 dark:text-zinc-400" title={e.hash}>hash {e.hash.slice(0, 16)}… ← {e.prevHash.slice(0, 16)}…</p>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
