import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card, PageHeader } from "@/components/ui/card";
import { requireOrgUserPage } from "@/lib/server/auth/session";
import { NewMigrationForm } from "./new-migration-form";

export const metadata: Metadata = { title: "New migration" };

export default async function NewMigrationPage() {
  const user = await requireOrgUserPage();
  if (user.role !== "ADMIN") notFound();
  return (
    <>
      <PageHeader title="New migration" description="Name it, then connect both systems on the next screen." />
      <Card className="max-w-lg">
        <NewMigrationForm />
      </Card>
    </>
  );
}
