import { PageHeader } from "@/components/ui/card";
import { loadMigrationForPage } from "@/lib/migrations/page-data";

export default async function MigrationLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { migration } = await loadMigrationForPage(id);
  return (
    <>
      <PageHeader title={migration.name} description="Visual Practice → Freshsales" />
      {children}
    </>
  );
}
