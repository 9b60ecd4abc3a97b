/**
 * The account-name policy in the engine (see `lib/mapping/account-names.ts`): per batch of
 * companies, the names they are written under or that they are skipped, and, for first-wins,
 * the first company a skipped one's contacts, deals and child accounts link to instead.
 * Computed from staging each time rather than stored, so the full run, a retry, the sample and
 * the delta window all give a company the same name; only the namesakes of the batch (and the
 * holders of the names the policy would make up) are read.
 */
import { accountNameKey, assignAccountNames, candidateNames, DEFAULT_ACCOUNT_NAME_POLICY, type AccountName, type NamedCompany } from "@/lib/mapping/account-names";
import type { Db } from "@/lib/server/db";
import { linkedIds, stagedData, type BatchContext } from "./batch-context";

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);

/** Live staged companies whose trimmed, lower-cased name is one of `keys`. */
async function holdersOf(db: Db, migrationId: string, keys: readonly string[]): Promise<NamedCompany[]> {
  if (keys.length === 0) return [];
  // btrim of the whitespace a name field carries matches String.trim for what the source sends.
  return db.$queryRawUnsafe<NamedCompany[]>(
    `SELECT "sourceId" AS id, data->>'name' AS name, nullif(btrim(data->>'city', E' \\t\\r\\n'), '') AS city
       FROM "StagedRecord"
      WHERE "migrationId" = $1 AND collection = 'companies' AND deleted = false
        AND lower(btrim(data->>'name', E' \\t\\r\\n')) = ANY($2::text[])`,
    migrationId, [...new Set(keys)],
  );
}

export function policyOf(ctx: BatchContext) {
  return ctx.settings.mapping.accountNames ?? DEFAULT_ACCOUNT_NAME_POLICY;
}

/** What the policy does with each of `records` that shares its name; the others are absent. */
export async function accountNamesFor(ctx: BatchContext, records: Map<string, Record<string, unknown>>): Promise<Map<string, AccountName>> {
  const policy = policyOf(ctx);
  const keys = [...records.values()].map((r) => accountNameKey(str(r.name))).filter((k) => k !== "");
  const namesakes = await holdersOf(ctx.db, ctx.migrationId, keys);
  const byKey = new Map<string, number>();
  for (const c of namesakes) byKey.set(accountNameKey(c.name), (byKey.get(accountNameKey(c.name)) ?? 0) + 1);
  if (![...byKey.values()].some((n) => n > 1)) return new Map();
  // A made-up name some other company holds as its own is not used: read those holders too.
  const candidates = namesakes.filter((c) => (byKey.get(accountNameKey(c.name)) ?? 0) > 1).flatMap((c) => candidateNames(c, policy).map(accountNameKey));
  const holders = await holdersOf(ctx.db, ctx.migrationId, candidates);
  const all = new Map([...namesakes, ...holders].map((c) => [c.id, c]));
  const decided = assignAccountNames([...all.values()], policy);
  return new Map([...decided].filter(([id]) => records.has(id)));
}

/**
 * Destination ids of the accounts that companies `ids` link to: their own, or under first-wins
 * that of the first company of their name when they were skipped for it.
 */
export async function linkedAccounts(ctx: BatchContext, ids: readonly string[]): Promise<Map<string, { destId: string; target: string | null }>> {
  const written = await linkedIds(ctx, "companies", ids);
  if (policyOf(ctx) !== "first-wins") return written;
  const missing = [...new Set(ids)].filter((id) => !written.has(id));
  if (missing.length === 0) return written;
  const names = await accountNamesFor(ctx, await stagedData(ctx.db, ctx.migrationId, "companies", missing));
  const firstOf = new Map([...names].flatMap(([id, d]) => (d.kind === "skipped" ? [[id, d.firstId] as const] : [])));
  const firsts = await linkedIds(ctx, "companies", [...firstOf.values()]);
  for (const [id, first] of firstOf) {
    const dest = firsts.get(first);
    if (dest) written.set(id, dest);
  }
  return written;
}
