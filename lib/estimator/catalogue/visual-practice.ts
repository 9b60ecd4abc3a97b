import type { PlatformData } from "./platform-schema";

// Facts from shared/docs/visual-practice-api.md (the contract our connector is built against).
// The vendor publishes no API reference, hence documented: false; the 20 requests/second is
// the contract's default budget per token and is an assumption for a customer's instance.
export const visualPractice: PlatformData = {
  id: "visual-practice",
  name: "Visual Practice",
  categories: ["crm"],
  roles: ["source"],
  objects: [
    { id: "contact", name: "Contact", categoryObject: "contact", write: "per-record" },
    { id: "company", name: "Company", categoryObject: "company", write: "per-record" },
    { id: "deal", name: "Deal", categoryObject: "deal", write: "per-record" },
    {
      id: "pipeline",
      name: "Pipeline",
      categoryObject: "pipeline",
      write: "per-record",
      note: "Stages are nested in each pipeline record.",
    },
    {
      id: "activity",
      name: "Activity",
      categoryObject: "activity",
      write: "per-record",
      note: "One collection for calls, emails, notes and meetings (filter with ?type=).",
    },
    {
      id: "attachment",
      name: "Attachment / File",
      categoryObject: "attachment",
      write: "per-record",
      note: "Bytes are streamed from /attachments/<id>/content, one call per file.",
    },
    { id: "user", name: "User / Owner", categoryObject: "user", write: "none" },
    { id: "product", name: "Product / Service", categoryObject: "product", write: "per-record" },
    {
      id: "custom-property",
      name: "Custom Property",
      categoryObject: null,
      write: "none",
      note: "The catalogue gives keys and labels only; types are inferred from values.",
    },
    {
      id: "workflow",
      name: "Workflow / Automation",
      categoryObject: null,
      write: "none",
      note: "Exported as opaque JSON for a rebuild; never executed.",
    },
  ],
  api: {
    documented: false,
    bulkApi: false,
    batchSize: 1,
    pageSize: 200,
    typedFieldMetadata: false,
    note: "Read-only bearer token; no bulk export, throughput comes from parallel page fetches.",
  },
  plans: [
    {
      id: "standard",
      name: "Standard",
      rateLimit: { perSecond: 20 },
      note: "20 requests/second per token is the contract's default; confirm per instance.",
    },
  ],
  defaultPlan: "standard",
  notes: [
    "Clinical imaging files require coordinated binary extraction.",
    "Electronic claims data has retention and HIPAA constraints.",
    "Specialty module data varies by deployment.",
  ],
};
