/**
 * Test and bench support (imports the sandbox; product code never imports this file): a
 * generated source staged into StagedRecord, a Freshsales emulator set up as the admin would
 * (users, pipelines, custom fields from the creation spec), and the approved artefacts built
 * with the mapping engine over that data.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { discoverMetadata, type FsMetadata } from "@/lib/connectors/freshsales/metadata";
import { MemoryBudgetStore, type BudgetStore } from "@/lib/connectors/freshsales/budget-store";
import { RateGovernor } from "@/lib/connectors/freshsales/rate-governor";
import { LocalFolderFileStore } from "@/lib/connectors/visual-practice/file-store";
import { profileRecords } from "@/lib/inventory/profiler";
import type { SourceObject } from "@/lib/inventory/types";
import { SYSTEM_CUSTOM_FIELDS } from "@/lib/mapping/default-object-map";
import { draftResolution, resolveOwners } from "@/lib/mapping/owner-resolution";
import { customFieldsToCreate, proposeFieldMap } from "@/lib/mapping/propose-field-map";
import { DEFAULT_ROUTING_RULES } from "@/lib/mapping/routing-rules";
import type { DestinationField } from "@/lib/mapping/schemas";
import { proposeStageMap, type SourcePipeline } from "@/lib/mapping/stage-map";
import type { Db } from "@/lib/server/db";
import { startFreshsalesEmulator, type FreshsalesEmulator, type FreshsalesEmulatorOptions } from "@/lib/sandbox/freshsales/server";
import type { Collection, GeneratorConfig } from "@/lib/sandbox/generator/config";
import { Dataset } from "@/lib/sandbox/generator/dataset";
import { destinationSetup } from "@/lib/sandbox/generator/destination-setup";
import { attachmentContent } from "@/lib/sandbox/generator/records-attachments";
import { destinationContext } from "../../lib/migration/destination-context";
import type { ApprovedMapping, DestinationContext } from "../../lib/migration/types";
import { defaultAttachmentKey } from "../../lib/migration/write-documents";

export const COLLECTIONS: Collection[] = ["users", "pipelines", "companies", "contacts", "deals", "activities", "attachments", "products"];
const OBJECT: Partial<Record<Collection, SourceObject>> = { companies: "company", contacts: "contact", deals: "deal", products: "product" };

export async function stageDataset(db: Db, migrationId: string, ds: Dataset): Promise<void> {
  for (const collection of COLLECTIONS) {
    const n = ds.count(collection);
    for (let start = 0; start < n; start += 2000) {
      const data = [];
      for (let i = start; i < Math.min(n, start + 2000); i++) {
        const r = ds.record(collection, i);
        data.push({ migrationId, collection, sourceId: String(r.id), data: r as object, hash: "x", runId: "staged", deleted: typeof r.deleted_at === "string" });
      }
      await db.stagedRecord.createMany({ data, skipDuplicates: true });
    }
  }
}

export async function stageFiles(ds: Dataset, migrationId: string, dir?: string): Promise<LocalFolderFileStore> {
  const store = new LocalFolderFileStore(dir ?? (await mkdtemp(path.join(tmpdir(), "mig-files-"))));
  for (let i = 0; i < ds.count("attachments"); i++) {
    const a = ds.record("attachments", i);
    await store.put(defaultAttachmentKey(migrationId, String(a.id)), attachmentContent(ds, String(a.id), Number(a.size_bytes), String(a.content_type)));
  }
  return store;
}

export async function createTenant(db: Db): Promise<{ organizationId: string; migrationId: string; userId: string }> {
  const org = await db.organization.create({ data: { name: "Test practice" } });
  const user = await db.user.create({ data: { email: `admin-${org.id}@example.test`, passwordHash: "x", role: "ADMIN", organizationId: org.id } });
  const migration = await db.migration.create({ data: { organizationId: org.id, name: "Full run", createdById: user.id } });
  return { organizationId: org.id, migrationId: migration.id, userId: user.id };
}

export function connectionTo(emulator: FreshsalesEmulator, store: BudgetStore = new MemoryBudgetStore(), options: { plan?: "growth"; clockScale?: number; key?: string; timeoutMs?: number } = {}): FreshsalesConnection {
  const governor = new RateGovernor({ accountKey: options.key ?? "test", store, plan: options.plan ?? "growth", clockScale: options.clockScale ?? 1_000_000 });
  return new FreshsalesConnection({ baseUrl: emulator.apiBase, apiKey: emulator.apiKey, governor, timeoutMs: options.timeoutMs ?? 5_000, retry: { minBackoffMs: 20, maxBackoffMs: 200 } });
}

function destinationFields(meta: FsMetadata): DestinationField[] {
  const plural = { contact: "contacts", sales_account: "sales_accounts", deal: "deals" } as const;
  return (Object.keys(plural) as (keyof typeof plural)[]).flatMap((e) =>
    meta.fields[e].map((f): DestinationField => ({
      entity: plural[e], name: f.name, label: f.label, type: f.type ?? "lookup", required: f.required, isCustom: f.custom,
      ...(f.choices.length > 0 ? { choices: f.choices.map((c) => c.value) } : {}),
    })),
  );
}

export interface Fixture {
  emulator: FreshsalesEmulator;
  ds: Dataset;
  mapping: ApprovedMapping;
  destination: DestinationContext;
}

/** The admin operations setup needs: in process (`emulator.admin`) or over `/_emulator/*`. */
export interface EmulatorAdmin {
  load(body: Record<string, unknown>): Promise<unknown> | unknown;
  addField(body: { entity: "contacts" | "sales_accounts" | "deals"; label: string; type: string; name: string; required?: boolean; unique?: boolean; choices?: string[] }): Promise<unknown> | unknown;
}

export function httpAdmin(origin: string): EmulatorAdmin & { stats(): Promise<Record<string, unknown>> } {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${origin}/_emulator/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`emulator admin ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return {
    load: (body) => post("load", body),
    addField: (body) => post("fields", body),
    stats: async () => (await (await fetch(`${origin}/_emulator/stats`)).json()) as Record<string, unknown>,
  };
}

/** Sets the destination up as the Freshsales admin would, and builds the approved map over the data. */
export async function prepareDestination(target: { apiBase: string; apiKey: string; admin: EmulatorAdmin }, ds: Dataset): Promise<{ mapping: ApprovedMapping; destination: DestinationContext }> {
  const setup = destinationSetup(ds);
  // The admin endpoint takes forecast types Open/Won/Lost only; other generator values are left out.
  const pipelines = setup.pipelines.map((p) => ({ ...p, stages: p.stages.map(({ forecast_type, ...s }) => (forecast_type === "Open" || forecast_type === "Won" || forecast_type === "Lost" ? { ...s, forecast_type } : s)) }));
  await target.admin.load({ users: setup.users, pipelines, selectors: { task_types: ["Note"], lifecycle_stages: ["Lead"] }, ...(setup.records ? { records: setup.records } : {}) });
  // Malformed emails are left out, so the admin makes the email optional (preflight lists it).
  await target.admin.addField({ entity: "contacts", label: "Emails", type: "email", name: "emails", required: false });
  const governor = new RateGovernor({ accountKey: "setup", store: new MemoryBudgetStore(), plan: "growth", clockScale: 1_000_000 });
  const conn = new FreshsalesConnection({ baseUrl: target.apiBase, apiKey: target.apiKey, governor, timeoutMs: 30_000 });
  const before = await discoverMetadata(conn);
  const profiles = (Object.keys(OBJECT) as Collection[]).flatMap((c) => {
    const n = Math.min(ds.count(c), 5000);
    return profileRecords(OBJECT[c]!, Array.from({ length: n }, (_, i) => ds.record(c, Math.floor((i * ds.count(c)) / n)) as Record<string, unknown>));
  });
  const proposal = proposeFieldMap(profiles, destinationFields(before), { leadTarget: "contact_lifecycle_lead", noteTarget: "tasks" });
  // The admin's review: custom properties of mixed shape become text fields, and source
  // picklist values without a destination choice are left empty rather than failing the record.
  for (const m of proposal.mappings) {
    if (m.transform.kind === "dropdown") m.transform = { ...m.transform, onUnmapped: "empty" };
    if (m.source.isCustom && m.transform.kind === "number" && m.decision.kind === "create_custom_field") {
      m.transform = { kind: "text", maxLength: 255 };
      m.decision = { ...m.decision, spec: { ...m.decision.spec, type: "text" } };
    }
  }
  const toCreate = customFieldsToCreate(proposal.mappings);
  for (const entity of ["contacts", "sales_accounts", "deals"] as const) {
    const names = new Set<string>();
    for (const spec of [...Object.values(SYSTEM_CUSTOM_FIELDS), ...(toCreate[entity] ?? [])]) {
      if (names.has(spec.name)) continue;
      names.add(spec.name);
      const type = spec.type === "multiselect" ? "multi_select_dropdown" : spec.type === "phone" ? "text" : spec.type;
      await target.admin.addField({ entity, label: spec.label, type, name: spec.name, unique: spec.name === "cf_vp_id", ...(spec.choices ? { choices: spec.choices } : {}) });
    }
  }
  const meta = await discoverMetadata(conn);
  conn.close();
  const fieldMap = proposal.mappings.map((m) => ({ ...m, status: "accepted" as const }));
  const sourcePipelines = Array.from({ length: ds.count("pipelines") }, (_, i) => ds.record("pipelines", i) as unknown as SourcePipeline);
  const stageMap = proposeStageMap(sourcePipelines, meta.pipelines.map((p) => ({ id: p.id, name: p.name, isDefault: p.isDefault, stages: p.stages.map((s) => ({ id: s.id, name: s.name, position: s.position, probability: s.probability })) })));
  const users = Array.from({ length: ds.count("users") }, (_, i) => {
    const u = ds.record("users", i);
    return { id: String(u.id), email: typeof u.email === "string" ? u.email : null, active: u.active !== false && u.is_active !== false };
  });
  const report = resolveOwners(users, {}, meta.owners.map((o) => ({ id: o.id, email: o.email ?? "", is_active: o.active })), meta.owners.find((o) => o.active)?.id);
  const owners = draftResolution(report);
  for (const entry of Object.values(owners.owners)) entry.confirmed = true;
  return { mapping: { fieldMap, routing: DEFAULT_ROUTING_RULES, stageMap, owners }, destination: destinationContext(meta) };
}

/** An in-process emulator set up as the Freshsales admin leaves it before the run, and the approved map over the data. */
export async function setUpDestination(config: GeneratorConfig, options: FreshsalesEmulatorOptions = {}, rateLimited = false): Promise<Fixture> {
  const ds = new Dataset(config);
  const emulator = await startFreshsalesEmulator({ bulkJobDelayMs: 5, ...(rateLimited ? {} : { rateLimit: false }), ...options });
  const admin: EmulatorAdmin = { load: (b) => emulator.admin.load(b as never), addField: (b) => emulator.admin.addField(b as never) };
  const { mapping, destination } = await prepareDestination({ apiBase: emulator.apiBase, apiKey: emulator.apiKey, admin }, ds);
  return { emulator, ds, mapping, destination };
}

/** What a run left in the destination, independent of ids: source ids per kind, each as often as it is there. */
export function destinationSummary(dump: unknown): Record<string, string[]> {
  const d = dump as { records: Record<string, { custom_field?: Record<string, unknown>; data: Record<string, unknown> }[]>; activities: Record<string, { data: Record<string, unknown> }[]>; documents: { name?: string; file_name?: string }[] };
  const out: Record<string, string[]> = {};
  for (const [kind, list] of Object.entries(d.records)) out[kind] = list.map((r) => String(r.custom_field?.cf_vp_id ?? r.data.name ?? r.data.first_name ?? "")).sort();
  out.products = (d.records.products ?? []).map((p) => /\[vp:([^\]]+)\]/.exec(String(p.data.description ?? ""))?.[1] ?? "?").sort();
  for (const [kind, list] of Object.entries(d.activities)) out[kind] = list.map((a) => /\[vp:([^\]]+)\]/.exec(String(a.data.description ?? ""))?.[1] ?? "?").sort();
  out.documents = d.documents.map((x) => String(x.name ?? x.file_name ?? "")).sort();
  return out;
}
