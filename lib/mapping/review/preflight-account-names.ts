/**
 * Preflight, account names: how many source companies share a name, what the approved policy
 * does with them, and whether a name the policy makes up is already an account in Freshsales.
 * The preflight only knows the accounts it read (the scan is capped, and Freshsales keeps
 * changing after it): a clash it cannot see still fails that account's write, with Freshsales'
 * reason, in the run.
 */
import { accountNameKey, assignAccountNames, type AccountNamePolicy, type NamedCompany } from "@/lib/mapping/account-names";
import { summariseNameGroups, type DuplicateAccountNames } from "./source-data";

export interface AccountNameCheck extends DuplicateAccountNames {
  policy: AccountNamePolicy;
  /** Companies written under a made-up name ("Acme (Leeds)"). */
  renamed: number;
  /** Companies not written (first wins); their contacts and deals go to the first. */
  skipped: number;
  /** Made-up names a Freshsales account already has, among the accounts read. */
  clashes: { sourceId: string; name: string }[];
  /** Freshsales accounts the names were compared with; `complete` false: there are more. */
  checkedAgainst: { accounts: number; complete: boolean };
}

export function checkAccountNames(
  companies: readonly NamedCompany[],
  policy: AccountNamePolicy,
  destination: { names: ReadonlySet<string>; scanned: number; complete: boolean },
): { check: AccountNameCheck; problems: string[]; warnings: string[] } {
  // Without `taken`, exactly as the engine names them: the check is of what will be sent.
  const decided = assignAccountNames(companies, policy);
  const clashes: AccountNameCheck["clashes"] = [];
  let renamed = 0;
  let skipped = 0;
  for (const [sourceId, d] of [...decided].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (d.kind === "skipped") skipped++;
    else {
      renamed++;
      if (destination.names.has(accountNameKey(d.name))) clashes.push({ sourceId, name: d.name });
    }
  }
  const problems = clashes.slice(0, 20).map((c) => `Account name "${c.name}", which policy ${policy} gives ${c.sourceId}, is already a Freshsales account: rename one of them, or choose another account-name policy on the Map step`);
  if (clashes.length > 20) problems.push(`${clashes.length - 20} more made-up account names are already Freshsales accounts`);
  const warnings = renamed > 0 && !destination.complete
    ? [`${renamed} accounts get a made-up name; they were checked against the first ${destination.scanned} Freshsales accounts only, so a clash beyond those fails that account in the run`]
    : [];
  return {
    check: { ...summariseNameGroups(companies), policy, renamed, skipped, clashes, checkedAgainst: { accounts: destination.scanned, complete: destination.complete } },
    problems,
    warnings,
  };
}
