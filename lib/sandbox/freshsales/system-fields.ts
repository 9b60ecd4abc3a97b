import type { FieldDef, FieldEntity, FieldRef, FieldType } from "./types";

type Spec = [name: string, label: string, type: FieldType, ref?: FieldRef, required?: boolean];

/**
 * System fields of a fresh account. Required flags follow the doc: a contact needs an email
 * (MC: creation fails when email is blank), an account and a deal need a name, a sales
 * activity needs its title, type, owner and dates. Accounts can change them (configurable).
 */
const SPECS: Record<FieldEntity, Spec[]> = {
  contacts: [
    ["first_name", "First name", "text"],
    ["last_name", "Last name", "text"],
    ["emails", "Emails", "email", "special", true],
    ["job_title", "Job title", "text"],
    ["work_number", "Work", "phone_number"],
    ["mobile_number", "Mobile", "phone_number"],
    ["address", "Address", "textarea"],
    ["city", "City", "auto_complete"],
    ["state", "State", "auto_complete"],
    ["zipcode", "Zipcode", "text"],
    ["country", "Country", "auto_complete"],
    ["time_zone", "Time zone", "dropdown"],
    ["facebook", "Facebook", "text"],
    ["twitter", "Twitter", "text"],
    ["linkedin", "LinkedIn", "text"],
    ["external_id", "External ID", "text"],
    ["medium", "Medium", "text"],
    ["keyword", "Keyword", "text"],
    ["owner_id", "Sales owner", "dropdown", "owner"],
    ["sales_accounts", "Accounts", "lookup", "special"],
    ["territory_id", "Territory", "dropdown", "territories"],
    ["lead_source_id", "Source", "dropdown", "lead_sources"],
    ["campaign_id", "Campaign", "dropdown", "campaigns"],
    ["contact_status_id", "Status", "dropdown", "contact_statuses"],
    ["lifecycle_stage_id", "Lifecycle stage", "dropdown", "lifecycle_stages"],
  ],
  sales_accounts: [
    ["name", "Name", "text", undefined, true],
    ["website", "Website", "url"],
    ["phone", "Phone", "phone_number"],
    ["address", "Address", "textarea"],
    ["city", "City", "auto_complete"],
    ["state", "State", "auto_complete"],
    ["zipcode", "Zipcode", "text"],
    ["country", "Country", "auto_complete"],
    ["number_of_employees", "Number of employees", "number"],
    ["annual_revenue", "Annual revenue", "number"],
    ["facebook", "Facebook", "text"],
    ["twitter", "Twitter", "text"],
    ["linkedin", "LinkedIn", "text"],
    ["owner_id", "Sales owner", "dropdown", "owner"],
    ["parent_sales_account_id", "Parent account", "lookup", "special"],
    ["industry_type_id", "Industry type", "dropdown", "industry_types"],
    ["business_type_id", "Business type", "dropdown", "business_types"],
    ["territory_id", "Territory", "dropdown", "territories"],
  ],
  deals: [
    ["name", "Name", "text", undefined, true],
    ["amount", "Deal value", "number"],
    ["expected_close", "Expected close date", "date"],
    ["probability", "Probability (%)", "number"],
    ["owner_id", "Sales owner", "dropdown", "owner"],
    ["sales_account_id", "Account name", "lookup", "special"],
    ["contacts", "Related contacts", "lookup", "special"],
    ["deal_pipeline_id", "Pipeline", "dropdown", "special"],
    ["deal_stage_id", "Deal stage", "dropdown", "special"],
    ["currency_id", "Currency", "dropdown", "currencies"],
    ["deal_reason_id", "Lost reason", "dropdown", "deal_reasons"],
    ["deal_type_id", "Type", "dropdown", "deal_types"],
    ["deal_payment_status_id", "Payment status", "dropdown", "deal_payment_statuses"],
    ["lead_source_id", "Source", "dropdown", "lead_sources"],
    ["campaign_id", "Campaign", "dropdown", "campaigns"],
    ["territory_id", "Territory", "dropdown", "territories"],
  ],
  sales_activities: [
    ["title", "Title", "text", undefined, true],
    ["sales_activity_type_id", "Activity type", "dropdown", "sales_activity_types", true],
    ["owner_id", "Owner", "dropdown", "owner", true],
    ["start_date", "Start date", "datetime", undefined, true],
    ["end_date", "End date", "datetime", undefined, true],
    ["notes", "Notes", "textarea"],
    ["sales_activity_outcome_id", "Outcome", "dropdown", "sales_activity_outcomes"],
    ["targetable", "Related to", "lookup", "special"],
  ],
};

export function systemFields(entity: FieldEntity, nextId: () => number, extraRequired: string[] = []): FieldDef[] {
  return SPECS[entity].map(([name, label, type, ref, required], i) => ({
    id: nextId(),
    name,
    label,
    type,
    required: Boolean(required) || extraRequired.includes(name),
    system: true,
    unique: false,
    position: i + 1,
    choices: [],
    ...(ref ? { ref } : {}),
  }));
}
