/**
 * Puts opaque Visual Practice workflow JSON into words for a Freshsales admin. Known shapes
 * (a trigger `event`/`type`, conditions `{field, operator, value}`, actions `{type, ...}`)
 * get a specific sentence and the Freshsales workflow-builder equivalent; anything else is
 * described generically from its keys. Nothing here throws on any input.
 */

const MAX_TEXT = 200;

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A short one-line rendering of any JSON value. */
export function brief(v: unknown, max = MAX_TEXT): string {
  let s: string;
  if (typeof v === "string") s = `"${v}"`;
  else if (v === undefined) s = "(none)";
  else {
    try {
      s = JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x)) ?? String(v);
    } catch {
      s = String(v);
    }
  }
  s = s.replace(/[\u0000-\u001F\u007F]+/g, " ");
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

function str(o: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === "string" && v.trim() !== "") return v;
    if (typeof v === "number") return String(v);
  }
  return undefined;
}

function norm(s: string): string {
  return s.toLowerCase().replace(/[^a-z]+/g, "_").replace(/^_|_$/g, "");
}

/** Generic "key: value, key: value" for shapes we do not recognise. */
export function describeGeneric(v: unknown): string {
  if (!isObj(v)) return brief(v);
  const parts = Object.entries(v).slice(0, 8).map(([k, x]) => `${k}: ${brief(x, 60)}`);
  return parts.length ? parts.join(", ") : "(empty)";
}

export interface Described {
  words: string;
  freshsales: string;
}

const TRIGGERS: [RegExp, Described][] = [
  [/creat.*updat|updat.*creat|saved|upsert/, { words: "when a record is created or updated", freshsales: 'Trigger: "When a record is created or updated"' }],
  [/creat|new|added|insert/, { words: "when a record is created", freshsales: 'Trigger: "When a record is created"' }],
  [/stage|status|field|chang|updat|edit|modif/, { words: "when a record is updated", freshsales: 'Trigger: "When a record is updated" (add the changed field as a condition)' }],
  [/schedul|cron|time|date|daily|weekly|recurr|before|after/, { words: "on a schedule or date", freshsales: "Trigger: a date-based (time) trigger on the matching date field" }],
  [/delet|remov/, { words: "when a record is deleted", freshsales: "No delete trigger in Freshsales workflows: rebuild as a manual process or a report" }],
  [/manual|button/, { words: "when run by hand", freshsales: "Run manually: create the workflow and trigger it with a bulk action on a view" }],
];

export function describeTrigger(trigger: unknown): Described {
  if (!isObj(trigger)) {
    return { words: `trigger ${brief(trigger)}`, freshsales: "Unrecognised trigger: choose the closest Freshsales trigger by hand" };
  }
  const kind = str(trigger, "event", "type", "on", "kind", "when");
  const field = str(trigger, "field", "property", "attribute");
  const schedule = str(trigger, "schedule", "cron", "at", "every");
  const hit = kind ? TRIGGERS.find(([re]) => re.test(norm(kind))) : undefined;
  if (!hit) {
    return {
      words: `trigger: ${describeGeneric(trigger)}`,
      freshsales: "Unrecognised trigger: choose the closest Freshsales trigger by hand",
    };
  }
  const extra = [field ? `field "${field}" changes` : "", schedule ? `schedule ${schedule}` : ""].filter(Boolean);
  return {
    words: `${hit[1].words}${extra.length ? ` (${extra.join(", ")})` : ""} [${kind}]`,
    freshsales: hit[1].freshsales,
  };
}

const OPERATORS: Record<string, string> = {
  eq: "is", equals: "is", is: "is", "=": "is", "==": "is", neq: "is not", not_equals: "is not", ne: "is not",
  "!=": "is not", contains: "contains", not_contains: "does not contain", gt: "is greater than",
  greater_than: "is greater than", ">": "is greater than", gte: "is at least", ">=": "is at least",
  lt: "is less than", less_than: "is less than", "<": "is less than", lte: "is at most", "<=": "is at most",
  in: "is one of", not_in: "is not one of", is_empty: "is empty", empty: "is empty", is_not_empty: "is not empty",
  not_empty: "is not empty", exists: "is not empty", changed: "has changed", changed_to: "changed to",
  starts_with: "starts with", ends_with: "ends with", before: "is before", after: "is after",
};

export function describeCondition(c: unknown): string {
  if (!isObj(c)) return brief(c);
  for (const group of ["all", "and", "any", "or"]) {
    const inner = c[group];
    if (Array.isArray(inner)) {
      const joiner = group === "all" || group === "and" ? " AND " : " OR ";
      return `(${inner.map(describeCondition).join(joiner) || "no conditions"})`;
    }
  }
  const field = str(c, "field", "property", "attribute", "key");
  if (!field) return describeGeneric(c);
  const opRaw = str(c, "operator", "op", "comparison", "match") ?? "eq";
  const op = OPERATORS[opRaw.toLowerCase()] ?? opRaw;
  const hasValue = "value" in c || "values" in c;
  return `${field} ${op}${hasValue ? ` ${brief(c.value ?? c.values, 80)}` : ""}`;
}

const ACTIONS: [RegExp, string, string][] = [
  [/email|mail/, "send an email", 'Action "Send email" (pick or recreate the template)'],
  [/sms|text_message/, "send a text message", "No built-in SMS action: use a webhook to your SMS provider or a task"],
  [/task|todo|reminder|follow/, "create a task", 'Action "Create task"'],
  [/appointment|meeting|event/, "create an appointment", 'Action "Create appointment"'],
  [/assign|owner/, "assign an owner", 'Action "Assign to" (user, team or round robin)'],
  [/stage/, "move the deal to another stage", 'Action "Update field" on Deal stage'],
  [/tag/, "add or remove tags", 'Action "Update field" on Tags'],
  [/update|set|field|change/, "update a field", 'Action "Update field"'],
  [/webhook|http|api|post|call_url/, "call a webhook", 'Action "Trigger webhook"'],
  [/notif|alert|slack/, "notify someone", 'Action "Send email" to the user (or a webhook for chat tools)'],
  [/sequence|campaign|journey/, "enrol in a sequence", "Add to a sales sequence (Freshsales Sales sequences), outside the workflow builder"],
];

const ACTION_DETAIL_KEYS = [
  "template", "subject", "to", "title", "field", "value", "owner", "owner_id", "user", "assign_to", "url",
  "stage", "tag", "tags", "due_in_days", "delay", "message",
];

export function describeAction(a: unknown): Described {
  if (!isObj(a)) return { words: brief(a), freshsales: "Unrecognised action: rebuild by hand from the JSON" };
  const kind = str(a, "type", "action", "kind", "name");
  const hit = kind ? ACTIONS.find(([re]) => re.test(norm(kind))) : undefined;
  const details = ACTION_DETAIL_KEYS.filter((k) => k in a).map((k) => `${k} ${brief(a[k], 60)}`);
  if (!hit) {
    return {
      words: `${kind ? `"${kind}": ` : ""}${describeGeneric(a)}`,
      freshsales: "No known Freshsales equivalent: rebuild by hand from the JSON",
    };
  }
  return { words: `${hit[1]}${details.length ? ` (${details.join(", ")})` : ""} [${kind}]`, freshsales: hit[2] };
}
