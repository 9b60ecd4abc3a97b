import Link from "next/link";
import { SignOutButton } from "./sign-out-button";

export function AppHeader({ links, who }: { links: { href: string; label: string }[]; who: string }) {
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-sm font-semibold tracking-wide text-accent-600 uppercase">
          Migration console
        </Link>
        <nav aria-label="Main" className="flex gap-1">
          {links.map((l) => (
            <Link key={l.href} href={l.href} className="rounded-md px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800">
              {l.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm text-zinc-600 dark:text-zinc-400">
          <span>{who}</span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
