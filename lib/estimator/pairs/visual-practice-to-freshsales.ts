import type { CuratedPair, MappingRow } from "./pair-schema";

type Row = Omit<MappingRow, "compatibility" | "routed"> & Partial<Pick<MappingRow, "routed">>;

// The object table exactly as the product page lists it (14 rows, 13 of them 1:1, every row
// "Fully supported"). `routed` marks the two category objects whose records are split by a
// rule (contacts by company assignment, activities by type): the page's "2 of 8 objects
// need a mapping".
const rows: Row[] = [
  { sourceObjectId: "contact", sourceLabel: "Contact", destinationObjectId: "contact", destinationLabel: "Contact", categoryObject: "contact", cardinality: "1:1", note: "Contacts associated with a company; owner resolved by email match." },
  { sourceObjectId: "contact", sourceLabel: "Contact (unassigned)", destinationObjectId: "lead", destinationLabel: "Lead", categoryObject: "contact", cardinality: "1:many", routed: true, note: "Contacts without a primary company route to Leads." },
  { sourceObjectId: "company", sourceLabel: "Company", destinationObjectId: "account", destinationLabel: "Account", categoryObject: "company", cardinality: "1:1", note: "Parent companies map to the Parent Account field." },
  { sourceObjectId: "deal", sourceLabel: "Deal", destinationObjectId: "opportunity", destinationLabel: "Opportunity", categoryObject: "deal", cardinality: "1:1", note: "Stage maps value-by-value per pipeline." },
  { sourceObjectId: "pipeline", sourceLabel: "Pipeline", destinationObjectId: "sales-pipeline", destinationLabel: "Sales Pipeline", categoryObject: "pipeline", cardinality: "1:1" },
  { sourceObjectId: "pipeline", sourceLabel: "Pipeline Stage", destinationObjectId: "opportunity-stage", destinationLabel: "Opportunity Stage", categoryObject: "pipeline", cardinality: "1:1", note: "Closest stage used and flagged when no name matches." },
  { sourceObjectId: "custom-property", sourceLabel: "Custom Property (on Contact)", destinationObjectId: "custom-field", destinationLabel: "Custom Field (on Contact)", categoryObject: null, cardinality: "1:1", note: "Created in Freshsales before the run; type inferred from values." },
  { sourceObjectId: "custom-property", sourceLabel: "Custom Property (on Deal)", destinationObjectId: "custom-field", destinationLabel: "Custom Field (on Opportunity)", categoryObject: null, cardinality: "1:1" },
  { sourceObjectId: "activity", sourceLabel: "Activity (Call / Email / Note)", destinationObjectId: "task", destinationLabel: "Task", categoryObject: "activity", cardinality: "1:1", note: "Activity type kept in the Task Type field; original timestamps retained." },
  { sourceObjectId: "activity", sourceLabel: "Activity (Meeting)", destinationObjectId: "event", destinationLabel: "Event", categoryObject: "activity", cardinality: "1:1", routed: true },
  { sourceObjectId: "attachment", sourceLabel: "Attachment / File", destinationObjectId: "files", destinationLabel: "Files", categoryObject: "attachment", cardinality: "1:1", note: "Re-uploaded and linked to the target record; filenames kept." },
  { sourceObjectId: "user", sourceLabel: "User / Owner", destinationObjectId: "user", destinationLabel: "User", categoryObject: "user", cardinality: "1:1", note: "Matched by email; unmatched owners flagged before the run." },
  { sourceObjectId: "product", sourceLabel: "Product / Service (if applicable)", destinationObjectId: "product", destinationLabel: "Product", categoryObject: "product", cardinality: "1:1" },
  { sourceObjectId: "workflow", sourceLabel: "Workflow / Automation", destinationObjectId: "workflow", destinationLabel: "Workflow (Freshsales)", categoryObject: null, cardinality: "1:1", note: "Not migrated: definitions exported for a manual rebuild." },
];

export const visualPracticeToFreshsales: CuratedPair = {
  sourceId: "visual-practice",
  destinationId: "freshsales",
  rows: rows.map((r) => ({ ...r, routed: r.routed ?? false, compatibility: "Fully supported" })),
};
