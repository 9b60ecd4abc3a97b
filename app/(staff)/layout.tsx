import { AppHeader } from "@/components/nav/app-header";
import { requireEngineerPage } from "@/lib/server/auth/session";

export default async function StaffLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  const user = await requireEngineerPage();
  return (
    <>
      <AppHeader who={`${user.email} · Engineer`} links={[{ href: "/staff", label: "All runs" }]} />
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </>
  );
}
