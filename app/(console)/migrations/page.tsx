import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { gateStatuses, parseGateRecords } from "@/lib/gates/gates";
import { listMigrations } from "@/lib/gates/data";
import { requireOrgUserPage } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";

export const metadata: Metadata = { title: "Migrations" };

export default async function MigrationsPage() {
  const user = await requireOrgUserPage();
  const migrations = await listMigrations(db(), user.organizationId);
  const newButton =
    user.role === "ADMIN" ? (
      <Link href="/migrations/new" className={buttonClass("primary")}>
        New migration
      </Link>
    ) : null;
  return (
    <>
      <PageHeader title="Migrations" description="Every migration of your organisation, with the step it is at." actions={migrations.length ? newButton : null} />
      {migrations.length === 0 ? (
        <EmptyState title="No migrations yet" action={newButton}>
          A migration connects Visual Practice and Freshsales, proposes a field map for you to confirm, tries a sample, then
          moves everything with a way back.
          {!newButton && " Ask an admin of your organisation to start one."}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
          {migrations.map((m) => {
            const current = gateStatuses(parseGateRecords(m.gates)).find((g) => g.status === "open");
            return (
              <li key={m.id}>
                <Link href={`/migrations/${m.id}`} className="flex flex-wrap items-center gap-4 px-5 py-4 hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
                  <span className="font-medium">{m.name}</span>
                  <span className="text-sm text-zinc-600 dark:text-zinc-400">Visual Practice → Freshsales</span>
                  <span className="ml-auto">
                    {m.closedAt ? <Badge tone="success">Live</Badge> : <Badge tone="info">Next: {current?.label ?? "—"}</Badge>}
                  </span>
                  <time className="text-xs text-zinc-600 dark:text-zinc-400" dateTime={m.createdAt.toISOString()}>
                    {m.createdAt.toISOString().slice(0, 10)}
                  </time>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
