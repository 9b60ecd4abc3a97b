import type { PlatformData } from "./platform-schema";

// Planning figures from each vendor's public API documentation; see the plan notes for
// limits that scale with seats. Where a vendor publishes no figure, the note says so.

export const pipedrive: PlatformData = {
  id: "pipedrive",
  name: "Pipedrive",
  categories: ["crm"],
  objects: [
    { id: "person", name: "Person", categoryObject: "contact", write: "per-record" },
    { id: "lead", name: "Lead", categoryObject: "contact", write: "per-record" },
    { id: "organization", name: "Organization", categoryObject: "company", write: "per-record" },
    { id: "deal", name: "Deal", categoryObject: "deal", write: "per-record" },
    { id: "pipeline", name: "Pipeline / Stage", categoryObject: "pipeline", write: "per-record" },
    { id: "activity", name: "Activity", categoryObject: "activity", write: "per-record" },
    { id: "note", name: "Note", categoryObject: "activity", write: "per-record" },
    { id: "file", name: "File", categoryObject: "attachment", write: "per-record" },
    { id: "user", name: "User", categoryObject: "user", write: "none" },
    { id: "product", name: "Product", categoryObject: "product", write: "per-record" },
  ],
  api: { documented: true, bulkApi: false, batchSize: 1, pageSize: 500, typedFieldMetadata: true },
  plans: [
    {
      id: "essential",
      name: "Essential",
      rateLimit: { perMinute: 600 },
      note: "Burst of 20 requests per 2 seconds; a daily token budget also scales with seats.",
    },
    { id: "professional", name: "Professional", rateLimit: { perMinute: 2400 }, note: "80 requests per 2 seconds." },
  ],
  defaultPlan: "essential",
  notes: ["Leads live in a separate Leads Inbox and convert into deals."],
};

export const copper: PlatformData = {
  id: "copper",
  name: "Copper",
  categories: ["crm"],
  objects: [
    { id: "person", name: "Person", categoryObject: "contact", write: "per-record" },
    { id: "lead", name: "Lead", categoryObject: "contact", write: "per-record" },
    { id: "company", name: "Company", categoryObject: "company", write: "per-record" },
    { id: "opportunity", name: "Opportunity", categoryObject: "deal", write: "per-record" },
    { id: "pipeline", name: "Pipeline / Stage", categoryObject: "pipeline", write: "none" },
    { id: "activity", name: "Activity", categoryObject: "activity", write: "per-record" },
    { id: "task", name: "Task", categoryObject: "activity", write: "per-record" },
    { id: "file", name: "File (Google Drive)", categoryObject: "attachment", write: "per-record" },
    { id: "user", name: "User", categoryObject: "user", write: "none" },
  ],
  api: {
    documented: true,
    bulkApi: false,
    batchSize: 1,
    pageSize: 200,
    typedFieldMetadata: true,
    note: "Copper's few bulk endpoints are limited to 3 requests/second; planned as per-record.",
  },
  plans: [{ id: "standard", name: "All plans", rateLimit: { perMinute: 180 } }],
  defaultPlan: "standard",
  notes: ["180 requests per minute on a rolling window, per user.", "Files live in the customer's Google Drive."],
};

export const insightly: PlatformData = {
  id: "insightly",
  name: "Insightly",
  categories: ["crm"],
  objects: [
    { id: "contact", name: "Contact", categoryObject: "contact", write: "per-record" },
    { id: "lead", name: "Lead", categoryObject: "contact", write: "per-record" },
    { id: "organisation", name: "Organisation", categoryObject: "company", write: "per-record" },
    { id: "opportunity", name: "Opportunity", categoryObject: "deal", write: "per-record" },
    { id: "pipeline", name: "Pipeline / Stage", categoryObject: "pipeline", write: "none" },
    { id: "task", name: "Task", categoryObject: "activity", write: "per-record" },
    { id: "event", name: "Event", categoryObject: "activity", write: "per-record" },
    { id: "note", name: "Note", categoryObject: "activity", write: "per-record" },
    { id: "file", name: "File Attachment", categoryObject: "attachment", write: "per-record" },
    { id: "user", name: "User", categoryObject: "user", write: "none" },
    { id: "product", name: "Product", categoryObject: "product", write: "per-record" },
  ],
  api: { documented: true, bulkApi: false, batchSize: 1, pageSize: 500, typedFieldMetadata: true },
  plans: [
    {
      id: "professional",
      name: "Professional",
      rateLimit: { perSecond: 10, perDay: 40000 },
      note: "Daily request allowance depends on plan; figure to confirm with the customer's account.",
    },
  ],
  defaultPlan: "professional",
  notes: ["Once the daily allowance is spent, requests fail until the next day."],
};

export const mondayCrm: PlatformData = {
  id: "monday-crm",
  name: "Monday CRM",
  categories: ["crm"],
  objects: [
    { id: "contact", name: "Contacts board item", categoryObject: "contact", write: "per-record" },
    { id: "lead", name: "Leads board item", categoryObject: "contact", write: "per-record" },
    { id: "account", name: "Accounts board item", categoryObject: "company", write: "per-record" },
    { id: "deal", name: "Deals board item", categoryObject: "deal", write: "per-record" },
    { id: "stage", name: "Deal stage (status column)", categoryObject: "pipeline", write: "none" },
    { id: "activity", name: "Activity (Emails & Activities)", categoryObject: "activity", write: "per-record" },
    { id: "file", name: "File column asset", categoryObject: "attachment", write: "per-record" },
    { id: "user", name: "User", categoryObject: "user", write: "none" },
    { id: "product", name: "Products board item", categoryObject: "product", write: "per-record" },
  ],
  api: {
    documented: true,
    bulkApi: false,
    batchSize: 1,
    pageSize: 500,
    typedFieldMetadata: true,
    note: "GraphQL with a complexity budget per minute; items are created one mutation each.",
  },
  plans: [
    { id: "standard", name: "Standard", rateLimit: { perMinute: 1000, perDay: 1000 } },
    { id: "pro", name: "Pro", rateLimit: { perMinute: 2500, perDay: 10000 } },
    { id: "enterprise", name: "Enterprise", rateLimit: { perMinute: 5000, perDay: 25000 } },
  ],
  defaultPlan: "pro",
  notes: ["The daily call limit, not the per-minute limit, binds a large migration."],
};

export const close: PlatformData = {
  id: "close",
  name: "Close",
  categories: ["crm"],
  objects: [
    { id: "contact", name: "Contact", categoryObject: "contact", write: "per-record" },
    { id: "lead", name: "Lead (company)", categoryObject: "company", write: "per-record" },
    { id: "opportunity", name: "Opportunity", categoryObject: "deal", write: "per-record" },
    { id: "pipeline", name: "Pipeline / Status", categoryObject: "pipeline", write: "per-record" },
    { id: "activity", name: "Activity (Call / Email / Note / Meeting)", categoryObject: "activity", write: "per-record" },
    { id: "task", name: "Task", categoryObject: "activity", write: "per-record" },
    { id: "attachment", name: "Attachment", categoryObject: "attachment", write: "per-record" },
    { id: "user", name: "User", categoryObject: "user", write: "none" },
  ],
  api: {
    documented: true,
    bulkApi: false,
    batchSize: 1,
    pageSize: 200,
    typedFieldMetadata: true,
    note: "Limits are per endpoint group and announced in RateLimit headers.",
  },
  plans: [
    {
      id: "standard",
      name: "All plans",
      rateLimit: { perSecond: 20 },
      note: "20 requests/second per API key is a planning figure; the organisation limit is 3x.",
    },
  ],
  defaultPlan: "standard",
  notes: ["A Close lead is a company; contacts live inside leads."],
};

export const keap: PlatformData = {
  id: "keap",
  name: "Keap",
  categories: ["crm"],
  objects: [
    { id: "contact", name: "Contact", categoryObject: "contact", write: "per-record" },
    { id: "company", name: "Company", categoryObject: "company", write: "per-record" },
    { id: "opportunity", name: "Opportunity", categoryObject: "deal", write: "per-record" },
    { id: "stage", name: "Opportunity Stage", categoryObject: "pipeline", write: "none" },
    { id: "note", name: "Note", categoryObject: "activity", write: "per-record" },
    { id: "task", name: "Task", categoryObject: "activity", write: "per-record" },
    { id: "appointment", name: "Appointment", categoryObject: "activity", write: "per-record" },
    { id: "file", name: "File", categoryObject: "attachment", write: "per-record" },
    { id: "user", name: "User", categoryObject: "user", write: "none" },
    { id: "product", name: "Product", categoryObject: "product", write: "per-record" },
  ],
  api: { documented: true, bulkApi: false, batchSize: 1, pageSize: 1000, typedFieldMetadata: true },
  plans: [
    {
      id: "oauth",
      name: "OAuth app",
      rateLimit: { perMinute: 1500, perDay: 150000 },
      note: "Daily quota resets at 00:00 UTC.",
    },
    { id: "personal-token", name: "Personal access token", rateLimit: { perSecond: 10, perMinute: 240, perDay: 30000 } },
  ],
  defaultPlan: "oauth",
  notes: ["Personal access tokens are not meant for high-volume work; use an OAuth app."],
};

export const crmPlatformsSmb: PlatformData[] = [pipedrive, copper, insightly, mondayCrm, close, keap];
