import Link from "next/link";
import { PageHeader } from "@/components/ui/card";
import { loadMigrationForPage } from "@/lib/gates/page-data";

export default async function MigrationLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { migration } = await loadMigrationForPage(id);
  return (
    <>
      <PageHeader
        title={migration.name}
        description="Visual Practice → Freshsales"
        actions={
          <nav aria-label="Migration" className="flex gap-3 text-sm">
            <Link className="font-medium text-accent-600 underline" href={`/migrations/${migration.id}`}>Overview</Link>
            <Link className="font-medium text-accent-600 underline" href={`/migrations/${migration.id}/audit`}>Audit log</Link>
          </nav>
        }
      />
      {children}
    </>
  );
}
