import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { LoadedInventory } from "../inventory-data";

const fmt = new Intl.NumberFormat("en-US");

/** Record counts per object and the two deliverables of the step, as downloads. */
export function InventorySummary({ inventory }: { inventory: LoadedInventory }) {
  const base = `/api/migrations/${inventory.migrationId}/inventory`;
  const entries = Object.entries(inventory.counts).sort(([a], [b]) => a.localeCompare(b));
  const sensitive = inventory.profiles.filter((p) => p.sensitive).length;
  const anomalous = inventory.profiles.filter((p) => p.anomalies.length > 0).length;
  return (
    <Card className="space-y-4" aria-labelledby="inventory-heading" role="region">
      <div>
        <h2 id="inventory-heading" className="text-lg font-semibold">Inventory</h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Built {new Date(inventory.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC: {inventory.profiles.length} fields, {sensitive} holding health data, {anomalous} with anomalies, {inventory.catalogue.length} custom properties in the catalogue, {inventory.workflows.length} workflows.
        </p>
      </div>
      <table className="w-full max-w-xl text-left text-sm" data-testid="inventory-counts">
        <caption className="sr-only">Records per object</caption>
        <thead className="text-xs text-zinc-600 dark:text-zinc-400">
          <tr>
            <th scope="col" className="py-1 font-medium">Collection</th>
            <th scope="col" className="py-1 text-right font-medium">Records</th>
            <th scope="col" className="py-1 text-right font-medium">Soft-deleted</th>
            <th scope="col" className="py-1 text-right font-medium">Problems</th>
          </tr>
        </thead>
        <tbody>
          {entries.map(([collection, c]) => (
            <tr key={collection} className="border-t border-zinc-100 dark:border-zinc-800">
              <th scope="row" className="py-1 font-medium">{collection}</th>
              <td className="py-1 text-right tabular-nums">{fmt.format(c.records)}</td>
              <td className="py-1 text-right tabular-nums">{fmt.format(c.deleted)}</td>
              <td className="py-1 text-right tabular-nums">{fmt.format(c.problems)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <h3 className="text-sm font-semibold">Custom fields to create in Freshsales</h3>
          <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Per Contact, Account and Deal: label, type, dropdown values and notes.</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <a className={buttonClass("secondary")} href={`${base}/field-spec?format=csv`} download>CSV</a>
            <a className={buttonClass("secondary")} href={`${base}/field-spec?format=json`} download>JSON</a>
            <a className={buttonClass("secondary")} href={`${base}/field-spec?format=md`} download>Markdown</a>
          </div>
        </div>
        <div>
          <h3 className="text-sm font-semibold">Workflows to rebuild</h3>
          <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Workflows are not migrated: their definitions, and a checklist to rebuild each.</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <a className={buttonClass("secondary")} href={`${base}/workflows?format=md`} download>Checklist (Markdown)</a>
            <a className={buttonClass("secondary")} href={`${base}/workflows?format=json`} download>Definitions (JSON)</a>
          </div>
        </div>
      </div>
    </Card>
  );
}
