import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { gateStatuses, parseGateRecords } from "@/lib/migrations/gates";
import { requireEngineerPage } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";

export const metadata: Metadata = { title: "Staff dashboard" };

/** Engineers see every organisation's migrations (read-only here). */
export default async function StaffPage() {
  await requireEngineerPage();
  const migrations = await db().migration.findMany({
    orderBy: { updatedAt: "desc" },
    take: 200,
    select: { id: true, name: true, gates: true, closedAt: true, updatedAt: true, organization: { select: { name: true } } },
  });
  return (
    <>
      <PageHeader title="All migrations" description="Every organisation's migrations and the gate each is at." />
      {migrations.length === 0 ? (
        <EmptyState title="No migrations yet">Customers have not started any migration.</EmptyState>
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-zinc-200 bg-white text-sm dark:border-zinc-800 dark:bg-zinc-900">
          <thead className="bg-zinc-50 text-left dark:bg-zinc-800/50">
            <tr><th className="px-4 py-2">Organisation</th><th className="px-4 py-2">Migration</th><th className="px-4 py-2">Gate</th><th className="px-4 py-2">Updated</th></tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {migrations.map((m) => (
              <tr key={m.id}>
                <td className="px-4 py-2">{m.organization.name}</td>
                <td className="px-4 py-2 font-medium">{m.name}</td>
                <td className="px-4 py-2">{m.closedAt ? <Badge tone="success">Live</Badge> : <Badge tone="info">{gateStatuses(parseGateRecords(m.gates)).find((g) => g.status === "open")?.label}</Badge>}</td>
                <td className="px-4 py-2">{m.updatedAt.toISOString().slice(0, 16).replace("T", " ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
