/**
 * Source records that match a record already in Freshsales before the run: a contact by its
 * email, an account by its name (Freshsales keeps account names unique, case-insensitively).
 * The admin's policy per object (`RunPolicies.existingRecord`, `existingAccount`): update it,
 * fill only its empty fields, or skip the source record. Either write captures the prior
 * values of exactly the fields it sends, so rollback restores them; the owner is left alone
 * unless the admin asked (`changeOwner`). Shared by the engine and the dry run, which must
 * find the same matches and send the same fields.
 */
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { filteredSearch, type FilterRule } from "@/lib/connectors/freshsales/lookups";
import type { FsFields, FsRecord } from "@/lib/connectors/freshsales/wire";
import { EXISTING_POLICY_WORDS, type ExistingRecordPolicy } from "@/lib/mapping/record-policies";
import type { RunPolicies } from "./types";

export type MatchedObject = "contacts" | "companies";

export function existingPolicy(policies: RunPolicies, objectType: MatchedObject): ExistingRecordPolicy {
  return objectType === "contacts" ? policies.existingRecord : policies.existingAccount;
}

const WHAT: Record<MatchedObject, { noun: string; key: string }> = {
  contacts: { noun: "contact", key: "email" },
  companies: { noun: "account", key: "name" },
};

/** The ledger's word for a record skipped because a destination record matches it (policy skip). */
export function existingSkipReason(objectType: MatchedObject, key: string): string {
  const w = WHAT[objectType];
  return `a destination ${w.noun} already has ${w.key} ${key}; policy: skip`;
}

/** The reason an updated or filled record's row carries. */
export function existingWriteReason(objectType: MatchedObject, policy: ExistingRecordPolicy): string {
  const w = WHAT[objectType];
  const what = policy === "fill_empty" ? "its empty fields filled" : "updated";
  return `a destination ${w.noun} already had this ${w.key}; ${what} (policy: ${EXISTING_POLICY_WORDS[policy]}), prior values kept`;
}

const isEmpty = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0);

/**
 * The fields an update or fill sends to `found`, with the values they replace: every payload
 * field (fill: only those empty in `found`), never the owner unless the admin asked.
 */
export function existingWrite(policy: ExistingRecordPolicy, changeOwner: boolean, fields: FsFields, found: FsRecord): { send: FsFields; prior: Record<string, unknown> } {
  const send: FsFields = {};
  const prior: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === "owner_id" && !changeOwner) continue;
    if (policy === "fill_empty" && !isEmpty(found.fields[key])) continue;
    send[key] = value;
    prior[key] = found.fields[key] ?? null;
  }
  return { send, prior };
}

/** The fields a resumed update sends: those whose prior values were captured before the crash. */
export function resumedSend(fields: FsFields, prior: unknown): FsFields {
  const keys = prior && typeof prior === "object" ? Object.keys(prior) : Object.keys(fields);
  return Object.fromEntries(keys.filter((k) => k in fields).map((k) => [k, fields[k]!]));
}

/** The payload's account name, as the engine sends it and searches it. */
export function payloadName(fields: FsFields): string {
  return typeof fields.name === "string" ? fields.name : "";
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Records matching `values` by `attribute` (`is_in`, freshsales-api.md §2.12): one search per 100 values, paged. */
async function searchIn(conn: FreshsalesConnection, entity: "contact" | "sales_account", attribute: string, values: string[], keysOf: (r: FsRecord) => string[]): Promise<Map<string, FsRecord>> {
  const out = new Map<string, FsRecord>();
  const wanted = [...new Set(values.map((e) => e.trim().toLowerCase()).filter((e) => e !== ""))];
  for (const batch of chunks(wanted, 100)) {
    const want = new Set(batch);
    const rules: FilterRule[] = [{ attribute, operator: "is_in", value: batch }];
    for (let page = 1; page < 100; page++) {
      const result = await filteredSearch(conn, entity, rules, { page, perPage: 100 });
      for (const r of result.records) for (const k of keysOf(r)) if (want.has(k) && !out.has(k)) out.set(k, r);
      const more = result.totalPages !== undefined ? page < result.totalPages : result.records.length >= 100;
      if (!more) break;
    }
  }
  return out;
}

function emailsOf(record: FsRecord): string[] {
  const out: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === "string" && v !== "") out.push(v.toLowerCase());
    else if (v && typeof v === "object" && "value" in v && typeof (v as { value: unknown }).value === "string") out.push((v as { value: string }).value.toLowerCase());
  };
  const f = record.fields as FsFields & Record<string, unknown>;
  add(f.email);
  if (Array.isArray(f.emails)) f.emails.forEach(add);
  else add(f.emails);
  return out;
}

/** Destination contacts holding any of `emails` (lower case → record). */
export function destinationContactsByEmail(conn: FreshsalesConnection, emails: string[]): Promise<Map<string, FsRecord>> {
  return searchIn(conn, "contact", "contact_email.email", emails, emailsOf);
}

/** Destination accounts named any of `names` (trimmed, lower case → record). */
export function destinationAccountsByName(conn: FreshsalesConnection, names: string[]): Promise<Map<string, FsRecord>> {
  return searchIn(conn, "sales_account", "name", names, (r) => (typeof r.fields.name === "string" ? [r.fields.name.trim().toLowerCase()] : []));
}

/** The run's policies from the approved routing draft's choices. */
export function runPoliciesOf(routing: { existingRecords: ExistingRecordPolicy; existingAccounts: ExistingRecordPolicy; changeExistingOwner: boolean }): RunPolicies {
  return { existingRecord: routing.existingRecords, existingAccount: routing.existingAccounts, changeOwner: routing.changeExistingOwner };
}
