import { AppHeader } from "@/components/nav/app-header";
import { requireOrgUserPage } from "@/lib/server/auth/session";

export default async function ConsoleLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  const user = await requireOrgUserPage();
  return (
    <>
      <AppHeader
        who={`${user.email} · ${user.role === "ADMIN" ? "Admin" : "Member"}`}
        links={[
          { href: "/migrations", label: "Migrations" },
          { href: "/team", label: "Team" },
          { href: "/settings", label: "Settings" },
        ]}
      />
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </>
  );
}
