import type { PlatformData } from "./platform-schema";

// Planning figures from each vendor's public API documentation. Limits that depend on seats
// or contract are recorded at their base value and said so in the plan note; the estimate
// is a planning range, and the sample migration measures the real throughput.

export const salesforce: PlatformData = {
  id: "salesforce",
  name: "Salesforce",
  categories: ["crm"],
  objects: [
    { id: "contact", name: "Contact", categoryObject: "contact", write: "bulk" },
    { id: "lead", name: "Lead", categoryObject: "contact", write: "bulk" },
    { id: "account", name: "Account", categoryObject: "company", write: "bulk" },
    { id: "opportunity", name: "Opportunity", categoryObject: "deal", write: "bulk" },
    { id: "sales-process", name: "Sales Process / Stage", categoryObject: "pipeline", write: "none" },
    { id: "task", name: "Task", categoryObject: "activity", write: "bulk" },
    { id: "event", name: "Event", categoryObject: "activity", write: "bulk" },
    { id: "content-version", name: "ContentVersion (File)", categoryObject: "attachment", write: "per-record" },
    { id: "user", name: "User", categoryObject: "user", write: "none" },
    { id: "product", name: "Product2", categoryObject: "product", write: "bulk" },
  ],
  api: {
    documented: true,
    bulkApi: true,
    batchSize: 10000,
    pageSize: 2000,
    typedFieldMetadata: true,
    note: "Bulk API 2.0 ingest jobs; describe calls return typed field metadata.",
  },
  plans: [
    {
      id: "enterprise",
      name: "Enterprise",
      rateLimit: { perDay: 100000 },
      note: "Base daily allocation; grows by 1,000 per user licence.",
    },
    { id: "unlimited", name: "Unlimited", rateLimit: { perDay: 100000 }, note: "Base; grows by 5,000 per licence." },
  ],
  defaultPlan: "enterprise",
  notes: ["Daily API requests are a rolling 24-hour allocation shared by every integration."],
};

export const hubspot: PlatformData = {
  id: "hubspot",
  name: "HubSpot",
  categories: ["crm"],
  objects: [
    { id: "contact", name: "Contact", categoryObject: "contact", write: "bulk" },
    { id: "company", name: "Company", categoryObject: "company", write: "bulk" },
    { id: "deal", name: "Deal", categoryObject: "deal", write: "bulk" },
    { id: "pipeline", name: "Deal Pipeline", categoryObject: "pipeline", write: "per-record" },
    { id: "engagement", name: "Engagement (Call / Email / Note / Meeting / Task)", categoryObject: "activity", write: "bulk" },
    { id: "file", name: "File", categoryObject: "attachment", write: "per-record" },
    { id: "owner", name: "Owner", categoryObject: "user", write: "none" },
    { id: "product", name: "Product", categoryObject: "product", write: "bulk" },
  ],
  api: {
    documented: true,
    bulkApi: true,
    batchSize: 100,
    pageSize: 100,
    typedFieldMetadata: true,
    note: "CRM v3 batch endpoints take 100 records per call.",
  },
  plans: [
    { id: "starter", name: "Free / Starter", rateLimit: { perSecond: 10, perDay: 250000 } },
    { id: "professional", name: "Professional", rateLimit: { perSecond: 19, perDay: 625000 } },
    { id: "enterprise", name: "Enterprise", rateLimit: { perSecond: 19, perDay: 1000000 } },
  ],
  defaultPlan: "professional",
  notes: ["Burst limits are per 10 seconds per private app (100 or 190 requests)."],
};

export const dynamics365: PlatformData = {
  id: "dynamics-365",
  name: "Dynamics 365 Sales",
  categories: ["crm"],
  objects: [
    { id: "contact", name: "Contact", categoryObject: "contact", write: "bulk" },
    { id: "lead", name: "Lead", categoryObject: "contact", write: "bulk" },
    { id: "account", name: "Account", categoryObject: "company", write: "bulk" },
    { id: "opportunity", name: "Opportunity", categoryObject: "deal", write: "bulk" },
    { id: "business-process-flow", name: "Business Process Flow", categoryObject: "pipeline", write: "none" },
    { id: "activity", name: "Activity (Phone Call / Email / Appointment / Task)", categoryObject: "activity", write: "bulk" },
    { id: "annotation", name: "Note attachment (annotation)", categoryObject: "attachment", write: "per-record" },
    { id: "systemuser", name: "User (systemuser)", categoryObject: "user", write: "none" },
    { id: "product", name: "Product", categoryObject: "product", write: "bulk" },
  ],
  api: {
    documented: true,
    bulkApi: true,
    batchSize: 1000,
    pageSize: 5000,
    typedFieldMetadata: true,
    note: "ExecuteMultiple / CreateMultiple take up to 1,000 requests per batch.",
  },
  plans: [
    {
      id: "enterprise",
      name: "Sales Enterprise",
      rateLimit: { perMinute: 1200, perDay: 40000 },
      note: "Service protection: 6,000 requests per user per 5 minutes; 40,000 platform requests per licence per day.",
    },
  ],
  defaultPlan: "enterprise",
  notes: ["Service protection limits apply per user per web server; parallel users raise throughput."],
};

export const zohoCrm: PlatformData = {
  id: "zoho-crm",
  name: "Zoho CRM",
  categories: ["crm"],
  objects: [
    { id: "contact", name: "Contact", categoryObject: "contact", write: "bulk" },
    { id: "lead", name: "Lead", categoryObject: "contact", write: "bulk" },
    { id: "account", name: "Account", categoryObject: "company", write: "bulk" },
    { id: "deal", name: "Deal", categoryObject: "deal", write: "bulk" },
    { id: "pipeline", name: "Pipeline / Stage", categoryObject: "pipeline", write: "none" },
    { id: "task", name: "Task", categoryObject: "activity", write: "bulk" },
    { id: "event", name: "Meeting", categoryObject: "activity", write: "bulk" },
    { id: "call", name: "Call", categoryObject: "activity", write: "bulk" },
    { id: "attachment", name: "Attachment", categoryObject: "attachment", write: "per-record" },
    { id: "user", name: "User", categoryObject: "user", write: "none" },
    { id: "product", name: "Product", categoryObject: "product", write: "bulk" },
  ],
  api: {
    documented: true,
    bulkApi: true,
    batchSize: 100,
    pageSize: 200,
    typedFieldMetadata: true,
    note: "Insert/Upsert Records takes 100 records per call; Bulk Write takes a 25,000-row file.",
  },
  plans: [
    { id: "standard", name: "Standard", rateLimit: { perDay: 50000 }, note: "Base credits; plus 250 per user licence." },
    { id: "enterprise", name: "Enterprise", rateLimit: { perDay: 50000 }, note: "Base credits; plus 1,000 per user licence." },
  ],
  defaultPlan: "enterprise",
  notes: ["API credits are counted over a rolling 24 hours; one insert call costs one credit."],
};

export const crmPlatformsEnterprise: PlatformData[] = [salesforce, hubspot, dynamics365, zohoCrm];
