/** What the inventory knows beyond one field's profile, for reading a field's values as evidence. */
export interface EvidenceContext {
  /** Emails of the source CRM's users: a field of them names an owner. */
  userEmails?: string[];
  /** Names of the source's companies: a field of them links to an account. */
  companyNames?: string[];
  /** Names of the source's pipelines and stages. */
  pipelineNames?: string[];
  stageNames?: string[];
  /** ISO date the proposal is made on (default: now), for "dates in the future". */
  today?: string;
}
