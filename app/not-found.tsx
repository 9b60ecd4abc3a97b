import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md px-4 py-24 text-center">
      <p className="text-sm font-semibold text-accent-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">This page does not exist, or you do not have access to it.</p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-accent-600 underline">
        Go to your migrations
      </Link>
    </main>
  );
}
