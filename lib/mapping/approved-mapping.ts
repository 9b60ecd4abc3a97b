import type { AccountNamePolicy } from "./account-names";
import type { DuplicateEmailPolicy } from "./record-policies";
import type { ConfirmedOwnerResolution } from "./owner-resolution";
import type { RoutingRules } from "./routing-rules";
import type { FieldMapping } from "./schemas";
import type { StageMap } from "./stage-map";

/**
 * The approved map as every later step reads it (preflight aside, which judges the drafts):
 * the sample, the full run, reconciliation and the delta. Built from the approved drafts by
 * `toApprovedMapping` (lib/mapping/review/approved.ts) and stored in each run's settings.
 */
export interface ApprovedMapping {
  fieldMap: FieldMapping[];
  routing: RoutingRules;
  stageMap: StageMap;
  owners: ConfirmedOwnerResolution;
  /** Source companies sharing a name (the approved routing draft's policy); absent in older runs: the default. */
  accountNames?: AccountNamePolicy;
  /** Source contacts sharing an email (the approved routing draft's policy); absent in older runs: first wins. */
  duplicateEmails?: DuplicateEmailPolicy;
  versions?: Record<string, string>;
}
