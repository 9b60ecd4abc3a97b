import pLimit from "p-limit";
import type { VisualPracticeClient, VpPage } from "./client";
import { VpMalformedPageError, VpPageFailedError } from "./errors";
import type { VpCollection } from "./records";

export interface IterateOptions {
  perPage?: number;
  updatedSince?: string | Date;
  includeDeleted?: boolean;
  type?: string;
  /** Resume from a checkpoint: the first page to fetch (1-based). */
  startPage?: number;
  /**
   * Skip records already yielded in this pass. Order is by `updated_at`, so a record updated
   * mid-extraction moves to a later page and would otherwise come twice; the delta pass
   * (updated_since = extraction start) catches any record such a shift pushed past.
   */
  dedupe?: boolean;
}

export type PageOutcome<C extends VpCollection> =
  | ({ ok: true; duplicatesSkipped: number } & VpPage<C>)
  | { ok: false; collection: C; page: number; error: VpMalformedPageError | VpPageFailedError };

/**
 * Yields every page of `collection` in page order, fetching up to the client's concurrency in
 * parallel (lowered when the rate-limit headers say the window cannot carry it). A page that
 * stays broken after retries is yielded as `ok: false` so the caller records it and goes on;
 * auth and request errors still throw, since no later page can succeed either.
 */
export async function* iteratePages<C extends VpCollection>(
  client: VisualPracticeClient,
  collection: C,
  options: IterateOptions = {},
): AsyncGenerator<PageOutcome<C>> {
  const limit = pLimit(client.maxConcurrency);
  const seen = options.dedupe === false ? undefined : new Set<string>();
  const perPage = options.perPage ?? 50;

  const fetchPage = (page: number): Promise<PageOutcome<C>> =>
    limit(() =>
      client.listPage(collection, {
        page,
        perPage,
        updatedSince: options.updatedSince,
        includeDeleted: options.includeDeleted,
        type: options.type,
      }),
    ).then(
      (result): PageOutcome<C> => ({ ok: true, duplicatesSkipped: 0, ...result }),
      (error: unknown): PageOutcome<C> => {
        if (error instanceof VpMalformedPageError || error instanceof VpPageFailedError) {
          return { ok: false, collection, page, error };
        }
        throw error;
      },
    );

  const inFlight = new Map<number, Promise<PageOutcome<C>>>();
  let expected = options.startPage ?? 1;
  let next = expected;
  let totalPages: number | undefined;
  // Until the first answer tells the page count, fetch one page at a time.
  let sequentialMore = true;
  const windowSize = client.maxConcurrency * 2;

  try {
    yield* drain();
  } finally {
    // The consumer may stop early: drop queued fetches so nothing runs for nobody.
    limit.clearQueue();
  }

  async function* drain(): AsyncGenerator<PageOutcome<C>> {
    for (;;) {
      while (inFlight.size < windowSize && (totalPages !== undefined ? next <= totalPages : sequentialMore && inFlight.size === 0)) {
        const pending = fetchPage(next);
        // Handled when awaited in order; this only keeps an abandoned one from going unhandled.
        pending.catch(() => undefined);
        inFlight.set(next, pending);
        next++;
      }
      const head = inFlight.get(expected);
      if (!head) return;
      const outcome = await head;
      inFlight.delete(expected);
      expected++;

      if (outcome.ok) {
        if (outcome.totalPages !== undefined) totalPages = Math.max(totalPages ?? 0, outcome.totalPages);
        else sequentialMore = outcome.records.length >= outcome.perPage;
        if (seen) {
          const fresh = outcome.records.filter((r) => !seen.has(r.id));
          for (const r of fresh) seen.add(r.id);
          outcome.duplicatesSkipped = outcome.records.length - fresh.length;
          outcome.records = fresh;
        }
      } else if (totalPages === undefined) {
        // Without a page count there is no telling where the collection ends.
        sequentialMore = false;
      }
      limit.concurrency = client.pacer.suggestedConcurrency(client.maxConcurrency);
      yield outcome;
    }
  }
}
