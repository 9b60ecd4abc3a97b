import { Card } from "@/components/ui/card";
import { ACCOUNT_NAME_POLICY_LABELS } from "@/lib/mapping/account-names";
import type { AccountNameCheck } from "@/lib/mapping/review/preflight-account-names";

/** Source companies sharing a name (Freshsales keeps account names unique) and what the approved policy does with them. */
export function AccountNameGroups({ check }: { check: AccountNameCheck }) {
  return (
    <Card data-testid="account-name-groups">
      <h2 className="text-lg font-semibold">Companies sharing a name</h2>
      <p className="mt-1 text-sm">
        {check.groups === 0
          ? "No two source companies share a name."
          : `${check.groups} names are held by more than one company (${check.extraAccounts} extra). Policy: ${ACCOUNT_NAME_POLICY_LABELS[check.policy]} — ${check.renamed} renamed, ${check.skipped} skipped.`}
      </p>
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        Made-up names were checked against the {check.checkedAgainst.accounts} Freshsales accounts the preflight read{check.checkedAgainst.complete ? " (all of them)" : " (not all of them)"}; an account created in Freshsales after this check still fails the write of a company that takes its name.
      </p>
      {check.examples.length > 0 && (
        <table className="mt-3 w-full text-sm">
          <thead>
            <tr className="text-left text-xs uppercase text-zinc-600 dark:text-zinc-400">
              <th className="py-1 pr-2">Name</th>
              <th className="py-1 pr-2">Companies</th>
              <th className="py-1 pr-2">Source ids</th>
              <th className="py-1">Cities</th>
            </tr>
          </thead>
          <tbody>
            {check.examples.map((g) => (
              <tr key={g.sourceIds[0]} className="border-t border-zinc-100 align-top dark:border-zinc-800" data-name-group={g.name}>
                <td className="py-1 pr-2">{g.name}</td>
                <td className="py-1 pr-2">{g.count}</td>
                <td className="py-1 pr-2 font-mono text-xs">{g.sourceIds.join(", ")}</td>
                <td className="py-1 text-xs">{g.cities.map((c) => c ?? "—").join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {check.examples.length < check.groups && <p className="mt-2 text-xs">and {check.groups - check.examples.length} more names.</p>}
    </Card>
  );
}
