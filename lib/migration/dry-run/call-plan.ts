/**
 * The calls a full run needs, by object and endpoint, from the dry run's work counts: the
 * fewest the documented API allows (freshsales-api.md: bulk upsert takes 100 records per call
 * and answers with a job polled at least once; tasks, appointments, notes, documents and
 * products are one create each; line items one PUT per deal; an existing contact one lookup and
 * one PUT; an account batch one search by name, an existing account one read and one PUT), and
 * the time that takes at the plan's limits, from the same model as the estimator and the
 * full-run page (lib/connectors/freshsales/time-model.ts).
 */
import { DEFAULT_RETRY_RATE, predictTime, secondsAtPace } from "@/lib/connectors/freshsales/time-model";
import type { WorkCounts } from "./predict";

export interface CallPlan {
  byObject: Record<string, Record<string, number>>;
  /** The fewest calls the run can make. */
  minimum: number;
  /** The minimum with the expected share of calls repeated (429s, 5xx, timeouts). */
  expected: number;
  retryRate: number;
  /** bestSeconds: the minimum at the plan's pace exactly; expectedSeconds and highSeconds: the model's figure and the top of its range. */
  time: { perHour: number; perMinute: number | null; bestSeconds: number; expectedSeconds: number; highSeconds: number };
}

/** The model's assumed share of repeated calls before a run has shown its own. */
export const EXPECTED_RETRY_RATE = DEFAULT_RETRY_RATE;

const ENTITY_PATH: Record<string, string> = { companies: "sales_accounts", contacts: "contacts", deals: "deals" };

export function callPlan(work: WorkCounts, limits: { perHour: number; perMinute: number | null }, retryRate = EXPECTED_RETRY_RATE): CallPlan {
  const byObject: Record<string, Record<string, number>> = {};
  const add = (object: string, endpoint: string, n: number) => {
    if (n <= 0) return;
    const o = (byObject[object] ??= {});
    o[endpoint] = (o[endpoint] ?? 0) + n;
  };
  for (const [object, batches] of Object.entries(work.upsertBatches)) {
    add(object, `POST /${ENTITY_PATH[object]}/bulk_upsert`, batches);
    add(object, "GET /job_statuses/:id", batches);
  }
  add("companies", "POST /filtered_search/sales_account", work.accountSearches);
  add("companies", "GET /sales_accounts/:id", work.accountUpdates);
  add("companies", "PUT /sales_accounts/:id", work.accountUpdates);
  add("contacts", "GET /lookup", work.contactUpdates);
  add("contacts", "POST /api/leads (Classic Leads module)", work.leadCreates);
  add("contacts", "PUT /contacts/:id", work.contactUpdates);
  add("deals", "PUT /deals/:id (line items)", work.dealsWithLineItems);
  add("products", "POST /cpq/products", work.creates.products ?? 0);
  for (const kind of ["tasks", "appointments", "notes"]) add("activities", `POST /${kind}`, work.creates[kind] ?? 0);
  add("attachments", "POST /documents", work.creates.documents ?? 0);
  const minimum = Object.values(byObject).reduce((n, o) => n + Object.values(o).reduce((a, b) => a + b, 0), 0);
  const time = predictTime({ calls: minimum, limits, retryRate });
  return {
    byObject, minimum, expected: time.expectedCalls, retryRate,
    time: { ...limits, bestSeconds: Math.round(secondsAtPace(minimum, limits)), expectedSeconds: Math.round(time.seconds), highSeconds: Math.round(time.highSeconds) },
  };
}

/** Seconds `calls` take when paced at both limits (the tighter one sets the pace). */
export function secondsAt(calls: number, limits: { perHour: number; perMinute: number | null }): number {
  return Math.round(secondsAtPace(calls, limits));
}
