"use client";

import { inputClass } from "@/components/ui/field";
import type { TransformSpecInput } from "@/lib/mapping/schemas";
import { knownSourceValues } from "@/lib/mapping/review/field-table-model";

type ChoiceTransform = Extract<TransformSpecInput, { kind: "dropdown" | "multiselect" }>;

/** Source value → Freshsales choice, with the values that have no choice yet listed. */
export function ValueMapEditor({ transform, choices, onChange }: { transform: ChoiceTransform; choices: string[]; onChange: (t: ChoiceTransform) => void }) {
  const values = knownSourceValues(transform);
  const map = transform.valueMap ?? {};
  const unmapped = values.filter((v) => map[v] === undefined && !choices.includes(v));
  const setValue = (source: string, choice: string) => {
    const valueMap = { ...map };
    if (choice === "") delete valueMap[source];
    else valueMap[source] = choice;
    if (transform.kind === "dropdown") {
      onChange({ ...transform, valueMap, unmapped: (transform.unmapped ?? []).filter((v) => valueMap[v] === undefined), closest: (transform.closest ?? []).filter((v) => v !== source) });
    } else onChange({ ...transform, valueMap });
  };
  return (
    <div className="space-y-2">
      <h4 className="text-sm font-medium">Value map</h4>
      {values.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No source values are known for this field; values equal to a choice are written as they are.</p>
      ) : (
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-xs uppercase text-zinc-600 dark:text-zinc-400">
              <th className="py-1">Visual Practice value</th>
              <th className="py-1">Freshsales choice</th>
            </tr>
          </thead>
          <tbody>
            {values.map((v) => (
              <tr key={v}>
                <td className="py-1 pr-3 font-mono text-xs">
                  {v}
                  {transform.kind === "dropdown" && transform.closest?.includes(v) && <span className="ml-2 text-amber-700 dark:text-amber-300">closest guess: check</span>}
                </td>
                <td className="py-1">
                  <select aria-label={`Choice for ${v}`} className={inputClass} value={map[v] ?? ""} onChange={(e) => setValue(v, e.target.value)}>
                    <option value="">{choices.includes(v) ? `(same: ${v})` : "(not mapped)"}</option>
                    {choices.map((c) => <option key={c} value={c}>{c}</option>)}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {unmapped.length > 0 && (
        <p className="text-sm text-amber-800 dark:text-amber-300" data-testid="unmapped-values">
          No Freshsales choice yet for: {unmapped.join(", ")}. Map them above, or add the choices in Freshsales (the preflight lists them).
        </p>
      )}
      {transform.kind === "dropdown" && (
        <label className="block text-sm">
          <span className="mb-1 block font-medium">A value with no choice</span>
          <select className={inputClass} value={transform.onUnmapped ?? "error"} onChange={(e) => onChange({ ...transform, onUnmapped: e.target.value as "error" | "empty" })}>
            <option value="error">fails the record (listed in the run)</option>
            <option value="empty">leaves the field empty (with a warning)</option>
          </select>
        </label>
      )}
    </div>
  );
}
