import { CATALOGUE } from "./custom-properties";
import type { BuildContext } from "./dataset";
import type { Json, JsonObject } from "./json";

export function catalogueFields({ index }: BuildContext): JsonObject {
  const entry = CATALOGUE[index];
  if (!entry) throw new Error(`no catalogue entry ${index}`);
  return { object: entry.object, key: entry.key, label: entry.label };
}

const WORKFLOWS: readonly { name: string; object: string; event: string; conditions: Json[]; actions: Json[] }[] = [
  { name: "Send intake forms to new patients", object: "contact", event: "record_created",
    conditions: [{ field: "lifecycle_status", operator: "equals", value: "prospect" }],
    actions: [{ type: "send_email", template: "intake_forms" }, { type: "create_task", title: "Check forms returned", due_in_days: 3 }] },
  { name: "Notify billing when a deal is won", object: "deal", event: "stage_changed",
    conditions: [{ field: "stage.is_won", operator: "equals", value: true }],
    actions: [{ type: "notify_user", role: "billing" }, { type: "set_field", field: "custom_properties.service_tier", value: "Standard" }] },
  { name: "Referral thank-you letter", object: "deal", event: "record_created",
    conditions: [{ field: "pipeline.name", operator: "equals", value: "Referrals" }],
    actions: [{ type: "send_letter", template: "referral_thanks", delay_hours: 24 }] },
  { name: "Flag partner practices", object: "company", event: "record_updated",
    conditions: [{ field: "custom_properties.is_partner", operator: "equals", value: true }, { field: "employee_count", operator: "greater_than", value: 50 }],
    actions: [{ type: "add_tag", tag: "key-partner" }] },
  { name: "Recall reminder after 6 months", object: "contact", event: "scheduled",
    conditions: [{ field: "custom_properties.visit_count", operator: "greater_than", value: "0" }],
    actions: [{ type: "send_sms", template: "recall_reminder", schedule: { every: "P6M" } }] },
];

export function workflowFields({ index, rng }: BuildContext): JsonObject {
  const base = WORKFLOWS[index % WORKFLOWS.length] ?? WORKFLOWS[0];
  if (!base) throw new Error("no workflow templates");
  const round = Math.floor(index / WORKFLOWS.length);
  return {
    name: round === 0 ? base.name : `${base.name} (${round + 1})`,
    object: base.object,
    active: rng.chance(0.8),
    trigger: { event: base.event, object: base.object },
    conditions: base.conditions,
    actions: base.actions,
  };
}
