import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { requireOrgUserPage } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { recentSystemChecks } from "@/lib/system/checks";
import { SystemCheckButton } from "./system-check-button";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireOrgUserPage();
  const checks = await recentSystemChecks(db(), user.organizationId);
  return (
    <>
      <PageHeader title="Settings" />
      <Card className="max-w-2xl">
        <h2 className="text-base font-semibold">Worker check</h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Sends a job through the queue and shows which worker answered. Use it when runs seem stuck.
        </p>
        <div className="mt-4"><SystemCheckButton /></div>
        <ul className="mt-4 space-y-2 text-sm" data-testid="system-checks">
          {checks.map((c) => {
            const r = c.result as { worker?: string; queueLatencyMs?: number } | null;
            return (
              <li key={c.id} className="flex flex-wrap items-center gap-2">
                <Badge tone={c.status === "done" ? "success" : c.status === "failed" ? "danger" : "warning"}>{c.status}</Badge>
                <span>{c.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC</span>
                {r?.worker && <span className="text-zinc-600 dark:text-zinc-400">answered by {r.worker} in {r.queueLatencyMs} ms</span>}
              </li>
            );
          })}
        </ul>
      </Card>
    </>
  );
}
