/** Built-in Freshsales picklists take their values from the account's selectors, not from the field: which selector feeds which field. */
export const SELECTOR_OF: Record<string, "lifecycle_stages" | "industry_types" | "contact_statuses" | "lead_sources" | "deal_types" | "deal_reasons" | "business_types"> = {
  lifecycle_stage_id: "lifecycle_stages",
  industry_type_id: "industry_types",
  contact_status_id: "contact_statuses",
  lead_source_id: "lead_sources",
  deal_type_id: "deal_types",
  deal_reason_id: "deal_reasons",
  business_type_id: "business_types",
};
