import type { VpCollection } from "@/lib/connectors/visual-practice/records";

/** Reference data first, then the objects that point at it; the same order the ledger loads. */
export const EXTRACTION_ORDER: readonly VpCollection[] = [
  "users",
  "custom-properties",
  "pipelines",
  "products",
  "companies",
  "contacts",
  "deals",
  "activities",
  "attachments",
  "workflows",
];
