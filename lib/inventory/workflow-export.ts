/**
 * Workflow export: workflows are not migrated; their definitions leave as machine-readable
 * JSON plus a Markdown checklist a Freshsales admin follows to rebuild each one.
 */
import { brief, describeAction, describeCondition, describeTrigger } from "./workflow-describe";

export const FRESHSALES_MODULE_FOR: Record<string, string> = {
  contact: "Contacts",
  company: "Accounts",
  deal: "Deals",
  activity: "Sales activities (tasks and appointments)",
  product: "Products",
};

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export interface WorkflowSummary {
  name: string;
  object: string;
  freshsalesModule: string;
  active: boolean | null;
}

export function summarizeWorkflow(w: unknown, index: number): WorkflowSummary {
  const o = isObj(w) ? w : {};
  const name = typeof o.name === "string" && o.name.trim() ? o.name.trim() : `Untitled workflow #${index + 1}`;
  const object = typeof o.object === "string" ? o.object : "(unknown)";
  const singular = object.toLowerCase().replace(/ies$/, "y").replace(/s$/, "");
  const freshsalesModule = FRESHSALES_MODULE_FOR[singular] ?? `no matching module for "${object}": pick one by hand`;
  return { name, object, freshsalesModule, active: typeof o.active === "boolean" ? o.active : null };
}

// JSON.stringify throws on cycles and BigInt; source JSON has neither, but callers may pass
// anything and the export must still come out.
function safeJson(v: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(
    v,
    (_k, x: unknown) => {
      if (typeof x === "bigint") return x.toString();
      if (typeof x === "object" && x !== null) {
        if (seen.has(x)) return "[Circular]";
        seen.add(x);
      }
      return x;
    },
    2,
  );
}

/** The definitions verbatim, each beside its Freshsales module. */
export function renderWorkflowsJson(workflows: unknown[]): string {
  const list = Array.isArray(workflows) ? workflows : [];
  const out = {
    format: "vp-workflows/1",
    note: "Visual Practice workflow definitions, exported for rebuilding in Freshsales; never executed.",
    count: list.length,
    workflows: list.map((w, i) => ({ ...summarizeWorkflow(w, i), definition: w ?? null })),
  };
  return `${safeJson(out)}\n`;
}

function line(s: string): string {
  return s.replace(/\r?\n/g, " ");
}

function asList(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  return v === undefined || v === null ? [] : [v];
}

export function renderWorkflowChecklist(workflows: unknown[]): string {
  const list = Array.isArray(workflows) ? workflows : [];
  const out: string[] = [
    "# Workflow rebuild checklist",
    "",
    `${list.length} Visual Practice workflow${list.length === 1 ? "" : "s"} to rebuild in Freshsales ` +
      "(Admin Settings > Workflows > Create workflow). Workflows are not migrated: tick each step as you rebuild it. " +
      "The exact source definition of each workflow is in the JSON export.",
    "",
  ];
  list.forEach((w, i) => {
    const s = summarizeWorkflow(w, i);
    const o = isObj(w) ? w : {};
    const state = s.active === null ? "state unknown" : s.active ? "active" : "inactive";
    out.push(`## ${i + 1}. ${line(s.name)} (${state})`, "");
    out.push(`- Visual Practice object: ${line(s.object)} → Freshsales module: **${s.freshsalesModule}**`);
    if (!isObj(w)) out.push(`- The definition is not an object: ${line(brief(w))}`);
    out.push(`- [ ] Create a workflow named "${line(s.name)}" on ${s.freshsalesModule}`);
    const trig = describeTrigger(o.trigger);
    out.push(`- [ ] Trigger: ${line(trig.words)}. In Freshsales: ${trig.freshsales}`);
    const conditions = asList(o.conditions);
    if (conditions.length === 0) out.push("- [ ] Conditions: none (runs for every record matching the trigger)");
    conditions.forEach((c, n) => {
      out.push(`- [ ] Condition ${n + 1}: ${line(describeCondition(c))}. In Freshsales: add it under "Conditions"`);
    });
    const actions = asList(o.actions);
    if (actions.length === 0) out.push("- [ ] Actions: none in the source; confirm with the owner whether it is still needed");
    actions.forEach((a, n) => {
      const d = describeAction(a);
      out.push(`- [ ] Action ${n + 1}: ${line(d.words)}. In Freshsales: ${d.freshsales}`);
    });
    out.push(
      s.active === false
        ? "- [ ] Leave it inactive (it was inactive in Visual Practice)"
        : "- [ ] Activate it after testing on one record",
      "- [ ] Test it on a sample record and check the result",
      "",
    );
  });
  return out.join("\n");
}
