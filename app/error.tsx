"use client";

import { Button } from "@/components/ui/button";

/** Unexpected errors: a generic message and the digest the server logged it under. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-md px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        The error was logged{error.digest ? ` with reference ${error.digest}` : ""}. Try again, or contact support with the reference.
      </p>
      <Button className="mt-6" onClick={reset}>
        Try again
      </Button>
    </main>
  );
}
