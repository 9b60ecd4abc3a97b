import { describe, expect, it } from "vitest";
import { callPlan, secondsAt } from "./call-plan";

describe("callPlan", () => {
  const work = { upsertBatches: { companies: 3, contacts: 5 }, leadCreates: 0, accountSearches: 0, accountUpdates: 0, contactUpdates: 2, dealsWithLineItems: 4, creates: { tasks: 10, notes: 1, documents: 7, products: 2 } };

  it("counts each endpoint's calls per object and their minimum", () => {
    const plan = callPlan(work, { perHour: 1000, perMinute: 400 }, 0.1);
    expect(plan.byObject.companies).toEqual({ "POST /sales_accounts/bulk_upsert": 3, "GET /job_statuses/:id": 3 });
    expect(plan.byObject.contacts).toEqual({ "POST /contacts/bulk_upsert": 5, "GET /job_statuses/:id": 5, "GET /lookup": 2, "PUT /contacts/:id": 2 });
    expect(plan.byObject.activities).toEqual({ "POST /tasks": 10, "POST /notes": 1 });
    expect(plan.minimum).toBe(6 + 14 + 4 + 11 + 7 + 2);
    expect(plan.expected).toBe(Math.ceil(plan.minimum * 1.1));
  });

  it("paces calls at the tighter of the two limits", () => {
    expect(secondsAt(2000, { perHour: 1000, perMinute: 400 })).toBe(7200);
    expect(secondsAt(800, { perHour: 100_000, perMinute: 400 })).toBe(120);
    expect(secondsAt(500, { perHour: 1000, perMinute: null })).toBe(1800);
  });
});
