import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { requireOrgUserPage } from "@/lib/server/auth/session";
import { teamView } from "@/lib/accounts/team";
import { db } from "@/lib/server/db";
import { InviteForm } from "./invite-form";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const user = await requireOrgUserPage();
  const { members, invitations } = await teamView(db(), user.organizationId);
  return (
    <>
      <PageHeader title="Team" description="Admins run migrations and approve gates; members follow along and review." />
      <div className="grid gap-6 md:grid-cols-3">
        <Card className="md:col-span-2">
          <h2 className="mb-3 text-base font-semibold">Members</h2>
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {members.map((m) => (
              <li key={m.id} className="flex items-center gap-3 py-2 text-sm">
                <span className="font-medium">{m.name ?? m.email}</span>
                <span className="text-zinc-600 dark:text-zinc-400">{m.email}</span>
                <Badge className="ml-auto" tone={m.role === "ADMIN" ? "info" : "neutral"}>{m.role === "ADMIN" ? "Admin" : "Member"}</Badge>
              </li>
            ))}
          </ul>
          {invitations.length > 0 && (
            <>
              <h3 className="mt-6 mb-2 text-sm font-semibold">Pending invitations</h3>
              <ul className="space-y-1 text-sm">
                {invitations.map((i) => (
                  <li key={i.id}>{i.email} <span className="text-zinc-600 dark:text-zinc-400">· expires {i.expiresAt.toISOString().slice(0, 10)}</span></li>
                ))}
              </ul>
            </>
          )}
        </Card>
        <Card>
          <h2 className="mb-3 text-base font-semibold">Invite a member</h2>
          {user.role === "ADMIN" ? <InviteForm /> : <p className="text-sm text-zinc-600 dark:text-zinc-400">Only admins can invite.</p>}
        </Card>
      </div>
    </>
  );
}
