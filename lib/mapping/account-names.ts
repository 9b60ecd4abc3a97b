/**
 * Account names are unique in Freshsales (case-insensitively), and Visual Practice lets
 * companies share a name. The admin picks a policy for the second and later companies of a
 * name; this decides, for each company, the name it is written under or that it is skipped.
 *
 * Deterministic: members of a name are taken in source-id order, so a re-run, a retry or the
 * sample gives every company the same name. The result for a company depends only on the
 * companies sharing its name and on which candidate names other companies hold as their own,
 * so callers may pass just those (the engine does, per batch) and get the same answer as
 * with every company.
 */
import { z } from "zod";

export const ACCOUNT_NAME_POLICIES = ["suffix-city", "suffix-id", "first-wins"] as const;
export const accountNamePolicySchema = z.enum(ACCOUNT_NAME_POLICIES);
export type AccountNamePolicy = z.infer<typeof accountNamePolicySchema>;
export const DEFAULT_ACCOUNT_NAME_POLICY: AccountNamePolicy = "suffix-city";

export const ACCOUNT_NAME_POLICY_LABELS: Record<AccountNamePolicy, string> = {
  "suffix-city": "add the city to the second and later (“Acme (Leeds)”), else the source id",
  "suffix-id": "add the source id to the second and later (“Acme (vp co_123)”)",
  "first-wins": "migrate the first, skip the rest; their contacts, deals and activities go to the first",
};

export interface NamedCompany {
  id: string;
  name: string | null;
  city: string | null;
}

export type AccountName =
  | { kind: "renamed"; name: string; sharedWith: string; reason: string }
  | { kind: "skipped"; firstId: string; reason: string };

/** How Freshsales compares account names: case-insensitively; we also trim, as the source UI does. */
export function accountNameKey(name: string | null | undefined): string {
  return (name ?? "").trim().toLowerCase();
}

const byId = (a: NamedCompany, b: NamedCompany) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const policyWords = (p: AccountNamePolicy) => p.replace("-", " ");

export interface NameGroup {
  key: string;
  /** The first company's name, as written. */
  name: string;
  ids: string[];
  cities: (string | null)[];
}

/** Names held by more than one company, members in source-id order, largest groups first. */
export function duplicateNameGroups(companies: readonly NamedCompany[]): NameGroup[] {
  const groups = new Map<string, NamedCompany[]>();
  for (const c of companies) {
    const key = accountNameKey(c.name);
    if (key === "") continue;
    const list = groups.get(key) ?? [];
    list.push(c);
    groups.set(key, list);
  }
  return [...groups.entries()]
    .filter(([, list]) => list.length > 1)
    .map(([key, list]) => {
      const sorted = [...list].sort(byId);
      return { key, name: sorted[0]!.name!.trim(), ids: sorted.map((c) => c.id), cities: sorted.map((c) => c.city?.trim() || null) };
    })
    .sort((a, b) => b.ids.length - a.ids.length || (a.key < b.key ? -1 : 1));
}

/** The names the second and later companies of a group may get, in the order they are tried. */
export function candidateNames(company: NamedCompany, policy: AccountNamePolicy): string[] {
  const name = (company.name ?? "").trim();
  const byIdName = `${name} (vp ${company.id})`;
  const city = company.city?.trim();
  if (policy === "suffix-city" && city) return [`${name} (${city})`, byIdName];
  if (policy === "first-wins") return [];
  return [byIdName];
}

/**
 * What happens to each company that shares its name: absent from the map, it keeps its name.
 * `taken` (lower-cased names) are names no renamed company may get; the engine passes none, the
 * preflight checks the result against the destination's names instead (see README).
 */
export function assignAccountNames(companies: readonly NamedCompany[], policy: AccountNamePolicy, taken: ReadonlySet<string> = new Set()): Map<string, AccountName> {
  const own = new Set(companies.map((c) => accountNameKey(c.name)).filter((k) => k !== ""));
  const out = new Map<string, AccountName>();
  for (const group of duplicateNameGroups(companies)) {
    const members = companies.filter((c) => accountNameKey(c.name) === group.key).sort(byId);
    const first = members[0]!;
    const used = new Set<string>([group.key]);
    for (const c of members.slice(1)) {
      if (policy === "first-wins") {
        out.set(c.id, { kind: "skipped", firstId: first.id, reason: `account name "${group.name}" already used by ${first.id} (policy first wins)` });
        continue;
      }
      const tries = candidateNames(c, policy);
      // The source-id name is the last resort: kept even if (absurdly) some company is called that.
      const name = tries.find((t) => !used.has(accountNameKey(t)) && !own.has(accountNameKey(t)) && !taken.has(accountNameKey(t))) ?? tries[tries.length - 1]!;
      used.add(accountNameKey(name));
      out.set(c.id, { kind: "renamed", name, sharedWith: first.id, reason: `written as "${name}": "${group.name}" is also the name of ${first.id} (policy ${policyWords(policy)})` });
    }
  }
  return out;
}
