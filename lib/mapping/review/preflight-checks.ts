/**
 * Preflight, the pure part: does the approved map land on the destination as read just now?
 * Everything the Freshsales admin can fix by creating something (fields, choices, pipelines,
 * stages, users) goes into `toCreate`, in the custom-field spec's own shape; what creating
 * cannot fix (a field of another type) goes into `problems`.
 */
import type { FsField, FsMetadata } from "@/lib/connectors/freshsales/metadata";
import { SYSTEM_CUSTOM_FIELDS } from "@/lib/mapping/default-object-map";
import type { CustomFieldSpec, DestinationEntity, FieldMapping } from "@/lib/mapping/schemas";
import type { NamedCompany } from "@/lib/mapping/account-names";
import { isToCreate } from "@/lib/mapping/stage-map";
import type { ApprovedDrafts } from "./approved";
import { checkAccountNames, type AccountNameCheck } from "./preflight-account-names";
import { fsEntityOf } from "./destination-schema";
import type { DuplicateEmails } from "./source-data";
import { TRANSFORMS_FOR } from "@/lib/mapping/transforms-allowed";

/** Freshsales' own name for each field type, as its field settings and the admin UI use them. */
export const WIRE_FIELD_TYPE = {
  text: "text",
  paragraph: "textarea",
  number: "number",
  date: "date",
  datetime: "datetime",
  checkbox: "checkbox",
  dropdown: "dropdown",
  multiselect: "multi_select_dropdown",
  email: "email",
  phone: "phone_number",
  url: "url",
} as const satisfies Record<CustomFieldSpec["type"], string>;

export interface FieldToCreate extends CustomFieldSpec {
  entity: DestinationEntity;
  /** Source fields that need it. */
  for: string[];
}
export interface ChoicesToAdd {
  entity: DestinationEntity;
  field: string;
  label: string;
  values: string[];
}
export interface ToCreate {
  fields: FieldToCreate[];
  choices: ChoicesToAdd[];
  pipelines: { name: string; stages: string[] }[];
  stages: { pipeline: string; stage: string }[];
  users: { email: string; name: string; reason: string }[];
}

export interface ExistingRecords {
  contacts: { matching: number; examples: { key: string; sourceId: string }[] };
  accounts: { matching: number; examples: { key: string; sourceId: string }[] };
  scanned: { contacts: number; accounts: number };
  /** False when the scan stopped at its page cap: the counts are then lower bounds. */
  complete: boolean;
}

export interface PreflightResult {
  passed: boolean;
  checkedAt: string;
  versions: ApprovedDrafts["versions"];
  toCreate: ToCreate;
  problems: string[];
  warnings: string[];
  counts: { fieldsChecked: number; pipelinesChecked: number; stagesChecked: number; ownersChecked: number };
  duplicates: DuplicateEmails & { policy: ApprovedDrafts["routing"]["duplicateEmails"] };
  existing: ExistingRecords & { policy: ApprovedDrafts["routing"]["existingRecords"]; accountsPolicy: ApprovedDrafts["routing"]["existingAccounts"] };
  /** Absent in results stored before the account-name check existed. */
  accountNames?: AccountNameCheck;
}

export interface PreflightInputs {
  approved: ApprovedDrafts;
  metadata: FsMetadata;
  duplicates: DuplicateEmails;
  existing: ExistingRecords;
  /** Live source companies and the destination's account names (lower-cased) as scanned; absent: not checked. */
  companies?: readonly NamedCompany[];
  destinationAccountNames?: ReadonlySet<string>;
  now?: Date;
}

function specCompatible(spec: CustomFieldSpec["type"], actual: string): boolean {
  if (spec === actual) return true;
  if (spec === "text") return actual === "paragraph";
  return ["email", "phone", "url"].includes(spec) && (actual === "text" || actual === "paragraph");
}

interface Target {
  name: string;
  spec?: CustomFieldSpec;
}

function targetOf(m: FieldMapping): Target | null {
  const d = m.decision;
  if (d.kind === "field") return { name: d.field };
  if (d.kind === "create_custom_field") return { name: d.spec.name, spec: d.spec };
  if (d.kind === "system" && d.field?.startsWith("cf_")) return { name: d.field, spec: d.createsField ?? SYSTEM_CUSTOM_FIELDS[d.field] };
  return null;
}

/** Choice labels a mapping will write; all must exist on the destination field. */
function choicesUsed(m: FieldMapping, spec?: CustomFieldSpec): string[] {
  const t = m.transform;
  const used = new Set<string>(spec?.choices ?? []);
  if (t.kind === "dropdown") {
    for (const v of Object.values(t.valueMap)) used.add(v);
    if (t.onUnmapped === "error") for (const v of t.unmapped) used.add(v);
  }
  if (t.kind === "multiselect") for (const v of Object.values(t.valueMap)) used.add(v);
  return [...used];
}

function checkFields(approved: ApprovedDrafts, meta: FsMetadata, out: PreflightResult): void {
  const created = new Map<string, FieldToCreate>();
  const choices = new Map<string, ChoicesToAdd>();
  for (const m of approved.fieldMap.mappings) {
    if (m.status === "rejected") continue;
    const target = targetOf(m);
    if (!target) continue;
    const source = `${m.source.object}.${m.source.path}`;
    const fsEntity = fsEntityOf(m.entity === "leads" ? "contacts" : m.entity);
    if (!fsEntity) {
      // Tasks, appointments, notes and products have fixed fields; their records carry the source id as a marker instead.
      if (m.decision.kind === "create_custom_field") out.problems.push(`Freshsales ${m.entity} take no custom fields: ${source} cannot go to \`${target.name}\`; choose a standard field or "do not migrate"`);
      continue;
    }
    out.counts.fieldsChecked++;
    const name = m.entity === "leads" && target.name === "email" ? "emails" : target.name;
    const field: FsField | undefined = meta.fields[fsEntity]?.find((f) => f.name === name);
    const needed = choicesUsed(m, target.spec);
    if (!field) {
      if (!target.spec) {
        out.problems.push(`Freshsales ${m.entity} no longer has the field \`${target.name}\` that ${source} maps to: re-propose the map, or restore the field`);
        continue;
      }
      const key = `${m.entity}.${target.name}`;
      const entry = created.get(key) ?? { ...target.spec, entity: m.entity, for: [] };
      if (needed.length > 0) entry.choices = [...new Set([...(entry.choices ?? []), ...needed])];
      entry.for.push(source);
      created.set(key, entry);
      continue;
    }
    const actual = field.type ?? "lookup";
    const ok = target.spec ? specCompatible(target.spec.type, actual) : (TRANSFORMS_FOR[actual] ?? []).includes(m.transform.kind);
    if (!ok) {
      const wants = target.spec ? `a ${target.spec.type} field` : `a field that takes a ${m.transform.kind} value`;
      out.problems.push(`Freshsales ${m.entity} field \`${field.name}\` (${field.label}) is ${actual}, but ${source} needs ${wants}`);
      continue;
    }
    if (target.spec?.unique && !field.unique) {
      out.problems.push(`Freshsales ${m.entity} field \`${field.name}\` (${field.label}) is not marked Unique, and every upsert of ${m.entity} is keyed on it: tick "Unique" in its field settings`);
    }
    if (actual === "dropdown" || actual === "multiselect") {
      const have = new Set(field.choices.map((c) => c.value));
      const missing = needed.filter((v) => !have.has(v));
      if (missing.length > 0) {
        const key = `${m.entity}.${field.name}`;
        const entry = choices.get(key) ?? { entity: m.entity, field: field.name, label: field.label, values: [] };
        entry.values = [...new Set([...entry.values, ...missing])];
        choices.set(key, entry);
      }
    }
  }
  out.toCreate.fields = [...created.values()];
  out.toCreate.choices = [...choices.values()];
}

function checkPipelines(approved: ApprovedDrafts, meta: FsMetadata, out: PreflightResult): void {
  for (const p of approved.stageMap.pipelines) {
    out.counts.pipelinesChecked++;
    const pipelineName = p.destinationPipelineName ?? p.sourcePipelineName;
    if (isToCreate(p)) {
      // Created since the map was approved: the stage map needs its ids, which only a re-proposal reads.
      const created = meta.pipelines.find((d) => d.name.trim().toLowerCase() === pipelineName.trim().toLowerCase());
      if (created) out.problems.push(`Freshsales now has the pipeline "${created.name}" for Visual Practice pipeline "${p.sourcePipelineName}": re-propose the map on the Map step so its stages are mapped, and approve the stage map again`);
      else out.toCreate.pipelines.push({ name: pipelineName, stages: p.stages.map((s) => s.destinationStageName ?? s.sourceStageName) });
      continue;
    }
    const dest = meta.pipelines.find((d) => String(d.id) === String(p.destinationPipelineId));
    if (!dest) {
      out.toCreate.pipelines.push({ name: pipelineName, stages: p.stages.map((s) => s.destinationStageName ?? s.sourceStageName) });
      continue;
    }
    for (const s of p.stages) {
      out.counts.stagesChecked++;
      if (!dest.stages.some((d) => String(d.id) === String(s.destinationStageId))) {
        out.toCreate.stages.push({ pipeline: dest.name, stage: s.destinationStageName ?? s.sourceStageName });
      }
    }
  }
}

function checkOwners(approved: ApprovedDrafts, meta: FsMetadata, out: PreflightResult): void {
  const { report, resolution } = approved.owners;
  const byId = new Map(meta.owners.map((o) => [String(o.id), o]));
  const used = new Map<string, { email: string | null; name: string; who: string[] }>();
  const addUse = (id: string | number, email: string | null, name: string, who: string) => {
    const e = used.get(String(id)) ?? { email, name, who: [] };
    e.who.push(who);
    used.set(String(id), e);
  };
  const fallbackRow = report.rows.find((r) => String(r.proposedOwnerId) === String(resolution.fallbackOwnerId));
  let needsFallback = false;
  for (const r of report.rows) {
    const entry = resolution.owners[r.sourceUserId];
    if (!entry?.confirmed) {
      if (r.totalOwned > 0) out.problems.push(`Owner ${r.email ?? r.name} (${r.totalOwned} records) is not confirmed`);
      continue;
    }
    if (entry.destinationOwnerId === null) needsFallback ||= r.totalOwned > 0;
    else addUse(entry.destinationOwnerId, r.proposedOwnerEmail ?? r.email, r.name, r.email ?? r.name);
  }
  if (resolution.fallbackOwnerId !== null) addUse(resolution.fallbackOwnerId, fallbackRow?.proposedOwnerEmail ?? null, "fallback owner", "fallback owner");
  else if (needsFallback) out.problems.push("Records go to the fallback owner, and no fallback owner is approved");
  for (const [id, u] of used) {
    out.counts.ownersChecked++;
    const owner = byId.get(id);
    if (owner?.active) continue;
    const email = owner?.email ?? u.email ?? `user ${id}`;
    out.toCreate.users.push({ email, name: owner?.name ?? u.name, reason: owner ? `deactivated in Freshsales; reactivate (owner for ${u.who.slice(0, 3).join(", ")})` : `no such Freshsales user; create it (owner for ${u.who.slice(0, 3).join(", ")})` });
  }
}

function checkSelectors(approved: ApprovedDrafts, meta: FsMetadata, out: PreflightResult): void {
  const rules = approved.routing.rules;
  if (meta.taskTypes.length > 0) {
    const names = new Set(meta.taskTypes.map((t) => t.name.toLowerCase()));
    const wanted = [rules.activity.call.taskType, rules.activity.email.taskType, ...(rules.activity.note.target === "tasks" ? [rules.activity.note.taskType] : [])];
    for (const t of wanted) if (!names.has(t.toLowerCase())) out.warnings.push(`Freshsales has no task type "${t}": those tasks are written without a type and titled "[${t}] …"`);
  }
  if (rules.contact.withoutCompany === "contact_lifecycle_lead" && !meta.lifecycleStages.some((s) => s.name.toLowerCase() === rules.contact.leadLifecycleStage.toLowerCase())) {
    out.problems.push(`Freshsales has no lifecycle stage "${rules.contact.leadLifecycleStage}" for contacts without a company`);
  }
}

export function checkPreflight(inputs: PreflightInputs): PreflightResult {
  const { approved, metadata } = inputs;
  const out: PreflightResult = {
    passed: false,
    checkedAt: (inputs.now ?? new Date()).toISOString(),
    versions: approved.versions,
    toCreate: { fields: [], choices: [], pipelines: [], stages: [], users: [] },
    problems: [],
    warnings: [],
    counts: { fieldsChecked: 0, pipelinesChecked: 0, stagesChecked: 0, ownersChecked: 0 },
    duplicates: { ...inputs.duplicates, policy: approved.routing.duplicateEmails },
    existing: { ...inputs.existing, policy: approved.routing.existingRecords, accountsPolicy: approved.routing.existingAccounts },
  };
  checkFields(approved, metadata, out);
  checkPipelines(approved, metadata, out);
  checkOwners(approved, metadata, out);
  checkSelectors(approved, metadata, out);
  if (inputs.companies) {
    const names = checkAccountNames(inputs.companies, approved.routing.accountNames, {
      names: inputs.destinationAccountNames ?? new Set(),
      scanned: inputs.existing.scanned.accounts,
      complete: inputs.existing.complete,
    });
    out.accountNames = names.check;
    out.problems.push(...names.problems);
    out.warnings.push(...names.warnings);
  }
  if (!inputs.existing.complete) out.warnings.push("The destination has more records than the preflight scans: the counts of records that already exist are lower bounds");
  const t = out.toCreate;
  out.passed = out.problems.length === 0 && t.fields.length + t.choices.length + t.pipelines.length + t.stages.length + t.users.length === 0;
  return out;
}
