import { DEFAULT_FRESHSALES_PLAN, FRESHSALES_PLAN_LIMITS, FRESHSALES_PLANS } from "@/lib/connectors/freshsales/plan-facts";
import type { PlatformData } from "./platform-schema";

// Facts from shared/docs/freshsales-api.md: bulk_upsert exists for contacts, sales accounts and
// deals only, 100 records per call (section 2.10); tasks, appointments and notes have no bulk
// endpoint; pipelines, stages and custom fields are created in the admin UI (section 6).
// Rate limits and storage per plan: sections 3 and 5.
export const freshsales: PlatformData = {
  id: "freshsales",
  name: "Freshsales",
  categories: ["crm"],
  objects: [
    { id: "contact", name: "Contact", categoryObject: "contact", write: "bulk" },
    {
      id: "lead",
      name: "Lead",
      categoryObject: "contact",
      write: "per-record",
      note: "Unqualified prospects; no bulk upsert endpoint is documented.",
    },
    { id: "account", name: "Account", categoryObject: "company", write: "bulk" },
    { id: "opportunity", name: "Opportunity", categoryObject: "deal", write: "bulk" },
    {
      id: "sales-pipeline",
      name: "Sales Pipeline",
      categoryObject: "pipeline",
      write: "none",
      note: "Read-only over the API; created by the admin before the run.",
    },
    { id: "opportunity-stage", name: "Opportunity Stage", categoryObject: "pipeline", write: "none" },
    { id: "task", name: "Task", categoryObject: "activity", write: "per-record" },
    { id: "event", name: "Event", categoryObject: "activity", write: "per-record" },
    { id: "note", name: "Note", categoryObject: "activity", write: "per-record" },
    {
      id: "files",
      name: "Files",
      categoryObject: "attachment",
      write: "per-record",
      note: "150 MB per file; storage pooled per user seat by plan.",
    },
    {
      id: "user",
      name: "User",
      categoryObject: "user",
      write: "none",
      note: "Resolved by email from /selector/owners.",
    },
    { id: "product", name: "Product", categoryObject: "product", write: "per-record" },
    { id: "custom-field", name: "Custom Field", categoryObject: null, write: "none" },
    { id: "workflow", name: "Workflow (Freshsales)", categoryObject: null, write: "none" },
  ],
  api: {
    documented: true,
    bulkApi: true,
    batchSize: 100,
    pageSize: 100,
    typedFieldMetadata: true,
    note: "Bulk upsert is asynchronous: each batch returns a job to poll at /job_statuses/:id.",
  },
  // From the same facts the rate governor and the connection form use.
  plans: (Object.keys(FRESHSALES_PLANS) as (keyof typeof FRESHSALES_PLANS)[]).map((id) => {
    const { perHour, perMinute } = FRESHSALES_PLAN_LIMITS[id];
    return { id, name: FRESHSALES_PLANS[id].label, rateLimit: perMinute === null ? { perHour } : { perHour, perMinute }, storageGbPerUser: FRESHSALES_PLANS[id].storageGbPerUser };
  }),
  defaultPlan: DEFAULT_FRESHSALES_PLAN,
  notes: [
    "The hourly limit is account-level, shared by every user and key; it is the real migration constraint.",
    "Freddy AI is Pro-tier only.",
    "File storage limits scale with plan tier.",
  ],
};
