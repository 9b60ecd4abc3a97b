/**
 * The duplicate policies the admin chooses in the map review, per object: what happens to
 * source records that clash with each other (two contacts with one email), and to source
 * records that match a record already in Freshsales before the run (a contact by email, an
 * account by name). The engine, the dry run and the sample all read these same values.
 */
import { z } from "zod";

export const DUPLICATE_EMAIL_POLICIES = ["first_wins", "merge", "keep_apart"] as const;
export const duplicateEmailPolicySchema = z.enum(DUPLICATE_EMAIL_POLICIES);
export type DuplicateEmailPolicy = z.infer<typeof duplicateEmailPolicySchema>;
export const DEFAULT_DUPLICATE_EMAIL_POLICY: DuplicateEmailPolicy = "first_wins";

export const DUPLICATE_EMAIL_POLICY_LABELS: Record<DuplicateEmailPolicy, string> = {
  first_wins: "migrate the first, skip the rest with the reason",
  merge: "merge into one Freshsales contact (the first's values, empty fields filled from the others, every activity, deal and file attached to it)",
  keep_apart: "migrate each one, the later ones without the email (flagged)",
};

export const EXISTING_RECORD_POLICIES = ["update", "fill_empty", "skip"] as const;
export const existingRecordPolicySchema = z.enum(EXISTING_RECORD_POLICIES);
export type ExistingRecordPolicy = z.infer<typeof existingRecordPolicySchema>;

export const EXISTING_RECORD_POLICY_LABELS: Record<ExistingRecordPolicy, string> = {
  update: "update it (prior values kept for rollback)",
  fill_empty: "fill only its empty fields (prior values kept for rollback)",
  skip: "skip the source record, with the reason",
};

/** The policy's word in a ledger reason. */
export const EXISTING_POLICY_WORDS: Record<ExistingRecordPolicy, string> = { update: "update", fill_empty: "fill empty fields only", skip: "skip" };
