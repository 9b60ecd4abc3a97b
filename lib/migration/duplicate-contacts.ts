/**
 * The duplicate-email policy in the engine (`mapping.duplicateEmails`, chosen in the map
 * review): what seeding decides for the second and later live contacts sharing a well-formed
 * email, what a kept-apart or merged contact's payload looks like, and where the activities,
 * deals and files of a merged contact link to. Computed from staging each time rather than
 * stored, so full run, retry, sample, delta and dry run decide the same way.
 *
 * - first wins: the later ones are skipped with the reason (not failed: a choice, not an error).
 * - merge: the later ones are skipped as "merged into <first>"; the first's payload takes their
 *   values for its empty fields, and whatever links to them links to the first's record.
 * - keep apart: the later ones are written without the email, their ledger reason saying so.
 */
import { DEFAULT_DUPLICATE_EMAIL_POLICY, type DuplicateEmailPolicy } from "@/lib/mapping/record-policies";
import { linkedIds, type BatchContext } from "./batch-context";
import { linkedAccounts } from "./account-names";
import type { SeedRow } from "./seed-ledger";
import { LEADS_MODULE } from "./write-leads";

/** Seeding's test of a clashing address (a malformed one is not sent as an email, so it cannot clash). */
export const CLASHING_EMAIL = "^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$";
const KEEP_APART = "(policy: keep apart)";

export function duplicatePolicyOf(ctx: BatchContext): DuplicateEmailPolicy {
  return ctx.settings.mapping.duplicateEmails ?? DEFAULT_DUPLICATE_EMAIL_POLICY;
}

/** Seeding's decision for a later contact sharing the email of `first`. */
export function duplicateDecision(first: string, policy: DuplicateEmailPolicy): Pick<SeedRow, "state" | "reason"> {
  if (policy === "merge") return { state: "skipped", reason: `duplicate email of ${first}; merged into ${first} (policy: merge)` };
  if (policy === "keep_apart") return { state: "pending", reason: `duplicate email of ${first}; written without the email ${KEEP_APART}` };
  return { state: "skipped", reason: `duplicate email of ${first}; the first wins (policy: first wins)` };
}

/** Whether a ledger row's reason says the contact is written without its email. */
export const keptApart = (reason: string | null): boolean => reason?.includes(KEEP_APART) ?? false;

/** The source id a merged contact's ledger reason names, or undefined. */
export function mergedIntoOf(reason: string | null): string | undefined {
  return /merged into (\S+) \(policy: merge\)/.exec(reason ?? "")?.[1];
}

/** For each of `ids` that is a later duplicate: the first contact of its email (staging, live, well-formed). */
async function firstsOf(ctx: BatchContext, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db.$queryRawUnsafe<{ sourceId: string; first: string }[]>(
    `WITH m AS (
       SELECT "sourceId", lower(data->>'email') AS e FROM "StagedRecord"
        WHERE "migrationId" = $1 AND collection = 'contacts' AND "sourceId" = ANY($2::text[])
          AND data->>'email' ~ $3 AND data->>'deleted_at' IS NULL)
     SELECT m."sourceId", min(o."sourceId") AS first
       FROM m JOIN "StagedRecord" o ON o."migrationId" = $1 AND o.collection = 'contacts'
        AND lower(o.data->>'email') = m.e AND o.data->>'email' ~ $3 AND o.data->>'deleted_at' IS NULL
      GROUP BY m."sourceId"`,
    ctx.migrationId, [...new Set(ids)], CLASHING_EMAIL,
  );
  return new Map(rows.filter((r) => r.first !== r.sourceId).map((r) => [r.sourceId, r.first]));
}

/** For each of `ids` that has later duplicates: their staged records, in source-id order. */
async function laterOf(ctx: BatchContext, ids: readonly string[]): Promise<Map<string, { id: string; data: Record<string, unknown> }[]>> {
  const out = new Map<string, { id: string; data: Record<string, unknown> }[]>();
  if (ids.length === 0) return out;
  const rows = await ctx.db.$queryRawUnsafe<{ first: string; sourceId: string; data: Record<string, unknown> }[]>(
    `WITH m AS (
       SELECT "sourceId", lower(data->>'email') AS e FROM "StagedRecord"
        WHERE "migrationId" = $1 AND collection = 'contacts' AND "sourceId" = ANY($2::text[])
          AND data->>'email' ~ $3 AND data->>'deleted_at' IS NULL)
     SELECT m."sourceId" AS first, o."sourceId", o.data
       FROM m JOIN "StagedRecord" o ON o."migrationId" = $1 AND o.collection = 'contacts'
        AND lower(o.data->>'email') = m.e AND o.data->>'email' ~ $3 AND o.data->>'deleted_at' IS NULL
        AND o."sourceId" > m."sourceId"
      ORDER BY o."sourceId"`,
    ctx.migrationId, [...new Set(ids)], CLASHING_EMAIL,
  );
  for (const r of rows) out.set(r.first, [...(out.get(r.first) ?? []), { id: r.sourceId, data: r.data }]);
  return out;
}

// Routing reads these, and seeding decided the first's target from its own values: filling them
// from a merged contact would send the first somewhere its ledger row does not say.
const NOT_FILLED = new Set(["id", "created_at", "updated_at", "deleted_at", "company_id", "email"]);

const isEmpty = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0) ||
  (typeof v === "object" && !Array.isArray(v) && Object.keys(v as object).length === 0);

/**
 * Under merge, each of `records` with later duplicates gets their values for its empty fields
 * (earliest first) and a flag naming them; answers the records to build payloads from and the flags.
 */
export async function mergedRecords(ctx: BatchContext, records: Map<string, Record<string, unknown>>): Promise<{ records: Map<string, Record<string, unknown>>; flags: Map<string, string> }> {
  const flags = new Map<string, string>();
  if (duplicatePolicyOf(ctx) !== "merge") return { records, flags };
  const later = await laterOf(ctx, [...records.keys()]);
  if (later.size === 0) return { records, flags };
  const out = new Map(records);
  for (const [id, others] of later) {
    const base = records.get(id);
    if (!base) continue;
    const filled: Record<string, unknown> = { ...base };
    const from: string[] = [];
    for (const other of others) {
      for (const [key, value] of Object.entries(other.data)) {
        if (NOT_FILLED.has(key) || isEmpty(value) || !isEmpty(filled[key])) continue;
        filled[key] = value;
        if (!from.includes(other.id)) from.push(other.id);
      }
    }
    out.set(id, filled);
    flags.set(id, `merged ${others.map((o) => o.id).join(", ")} into this contact (policy: merge)${from.length > 0 ? `; empty fields filled from ${from.join(", ")}` : ""}`);
  }
  return { records: out, flags };
}

/**
 * Destination ids of the contacts `ids` link to: their own, or under merge that of the first
 * contact of their email when they were merged into it. Leads in the Leads module are left out.
 */
export async function linkedContacts(ctx: BatchContext, ids: readonly string[]): Promise<Map<string, { destId: string; target: string | null }>> {
  const written = await linkedIds(ctx, "contacts", ids);
  // A lead in the Classic Leads module is no Contact: activities, deals and files cannot name it.
  for (const [id, d] of written) if (d.target === LEADS_MODULE) written.delete(id);
  if (duplicatePolicyOf(ctx) !== "merge") return written;
  const missing = [...new Set(ids)].filter((id) => !written.has(id));
  if (missing.length === 0) return written;
  const firsts = await firstsOf(ctx, missing);
  const dest = await linkedIds(ctx, "contacts", [...firsts.values()]);
  for (const [id, first] of firsts) {
    const d = dest.get(first);
    if (d) written.set(id, d);
  }
  return written;
}

/** Destination ids of linked records of any collection, with the account-name and duplicate-email policies' redirects. */
export function linkedRecords(ctx: BatchContext, collection: string, ids: readonly string[]): Promise<Map<string, { destId: string; target: string | null }>> {
  if (collection === "companies") return linkedAccounts(ctx, ids);
  if (collection === "contacts") return linkedContacts(ctx, ids);
  return linkedIds(ctx, collection, ids);
}
