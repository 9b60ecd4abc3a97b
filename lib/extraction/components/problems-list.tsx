"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ExtractionProblemsPage } from "../progress";
import { EXTRACTION_ORDER } from "../collections";

/** The run's problems, filterable by collection, a hundred at a time. */
export function ProblemsList({ migrationId, runId, live }: { migrationId: string; runId: string; live: boolean }) {
  const [collection, setCollection] = useState("");
  const selectId = useId();
  const query = useInfiniteQuery({
    queryKey: ["extraction-problems", migrationId, runId, collection],
    initialPageParam: "",
    queryFn: async ({ pageParam }) => {
      const params = new URLSearchParams({ limit: "100" });
      if (collection) params.set("collection", collection);
      if (pageParam) params.set("after", pageParam);
      const res = await fetch(`/api/migrations/${migrationId}/extraction/problems?${params}`, { cache: "no-store" });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as ExtractionProblemsPage;
    },
    getNextPageParam: (last) => last.next ?? undefined,
    refetchInterval: live ? 5_000 : false,
  });
  const problems = query.data?.pages.flatMap((p) => p.problems) ?? [];
  return (
    <section aria-labelledby={`${selectId}-heading`} className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h3 id={`${selectId}-heading`} className="text-base font-semibold">Problems</h3>
        <div>
          <label htmlFor={selectId} className="mr-2 text-sm">Collection</label>
          <select id={selectId} value={collection} onChange={(e) => setCollection(e.target.value)} className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900">
            <option value="">All</option>
            {EXTRACTION_ORDER.map((c) => (
              <option key={c} value={c}>{c}</option>
            ))}
          </select>
        </div>
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Nothing here stopped the extraction. A field named here was kept as received, cleaned, or dropped as the message says; a record with no usable id, or on a page that could not be read, is not staged.
      </p>
      {query.isError && <p role="alert" className="text-sm text-red-700 dark:text-red-400">Could not load the problems.</p>}
      <div tabIndex={0} role="region" aria-label="Extraction problems" className="max-h-96 overflow-auto rounded-md border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-left text-sm" data-testid="extraction-problems">
          <thead className="sticky top-0 bg-zinc-50 text-xs text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
            <tr>
              <th scope="col" className="px-2 py-1 font-medium">Collection</th>
              <th scope="col" className="px-2 py-1 font-medium">Record</th>
              <th scope="col" className="px-2 py-1 font-medium">Field</th>
              <th scope="col" className="px-2 py-1 font-medium">Page</th>
              <th scope="col" className="px-2 py-1 font-medium">What happened</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p) => (
              <tr key={p.id} className="border-t border-zinc-100 align-top dark:border-zinc-800">
                <td className="px-2 py-1">{p.collection}</td>
                <td className="px-2 py-1 font-mono text-xs">{p.recordId ?? "(no id)"}</td>
                <td className="px-2 py-1 font-mono text-xs">{p.field ?? "–"}</td>
                <td className="px-2 py-1 tabular-nums">{p.page ?? "–"}</td>
                <td className="px-2 py-1 break-words">{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {query.hasNextPage && (
        <Button variant="secondary" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          Show more problems
        </Button>
      )}
    </section>
  );
}
