import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { findOpenInvitation } from "@/lib/accounts/service";
import { db } from "@/lib/server/db";
import { AcceptInviteForm } from "./accept-invite-form";

export const metadata: Metadata = { title: "Join your team" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await findOpenInvitation(db(), token);
  if (!invitation) notFound();
  return (
    <Card>
      <h1 className="mb-1 text-xl font-semibold">Join {invitation.organization.name}</h1>
      <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">You were invited as {invitation.email}.</p>
      <AcceptInviteForm token={token} email={invitation.email} />
    </Card>
  );
}
