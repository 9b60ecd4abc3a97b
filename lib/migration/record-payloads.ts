/**
 * Payloads of the three upsertable objects (accounts, contacts, deals): mapped fields, owner,
 * source id and original timestamps, relationships resolved from the ledger's destIds, and the
 * account-name policy for companies that share a name.
 */
import type { FsFields } from "@/lib/connectors/freshsales/wire";
import { isToCreate, stageFor } from "@/lib/mapping/stage-map";
import { linkedIds, resolveOwner, iso, type BatchContext } from "./batch-context";
import { mappedFields } from "./field-values";
import { accountNamesFor, linkedAccounts } from "./account-names";
import { linkedContacts, mergedRecords } from "./duplicate-contacts";
import { LEADS_MODULE, leadsToModule, noLeadsModuleFlag } from "./write-leads";

/** Not ok: failed with the reason, or (`skip`) left out on purpose by a policy the admin chose. */
export type Payload = { ok: true; fields: FsFields; flags: string[]; lineItems?: number } | { ok: false; reason: string; skip?: true };

const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

function base(ctx: BatchContext, object: "company" | "contact" | "deal", entity: "sales_accounts" | "contacts" | "deals", sourceId: string, record: Record<string, unknown>): Payload {
  const mapped = mappedFields(ctx.settings.mapping.fieldMap, object, entity, record, sourceId, ctx.settings.destination);
  if (!mapped.ok) return mapped;
  const owner = resolveOwner(ctx, record, `${object} ${sourceId}`);
  if (!owner.ok) return owner;
  const fields: FsFields = { ...mapped.fields, owner_id: owner.ownerId, cf_vp_id: sourceId };
  const created = iso(record.created_at);
  const updated = iso(record.updated_at);
  if (created) fields.cf_vp_created_at = created;
  if (updated) fields.cf_vp_updated_at = updated;
  return { ok: true, fields, flags: mapped.flags };
}

export async function companyPayloads(ctx: BatchContext, records: Map<string, Record<string, unknown>>, cut: Set<string>): Promise<Map<string, Payload>> {
  const parents = [...records.values()].map((r) => str(r.parent_company_id)).filter((p): p is string => p !== null);
  const written = await linkedAccounts(ctx, parents);
  const names = await accountNamesFor(ctx, records);
  const out = new Map<string, Payload>();
  for (const [id, r] of records) {
    const named = names.get(id);
    if (named?.kind === "skipped") {
      out.set(id, { ok: false, skip: true, reason: named.reason });
      continue;
    }
    const p = base(ctx, "company", "sales_accounts", id, r);
    if (p.ok && named) {
      p.fields.name = named.name;
      p.flags.push(named.reason);
    }
    const parent = str(r.parent_company_id);
    if (p.ok && parent && !cut.has(id) && ctx.settings.mapping.routing.company.keepParentHierarchy) {
      const dest = written.get(parent);
      if (dest) p.fields.parent_sales_account_id = Number(dest.destId);
      else p.flags.push(`${id}: parent company ${parent} was not written, so no Parent Account`);
    } else if (p.ok && ctx.rewrite && !parent) p.fields.parent_sales_account_id = null;
    out.set(id, p);
  }
  return out;
}

/**
 * `apart`: contacts kept apart from an earlier one with the same email (duplicate-email policy
 * keep apart), written without the email. Under merge, a first contact takes the values of
 * those merged into it for its empty fields.
 */
export async function contactPayloads(ctx: BatchContext, staged: Map<string, Record<string, unknown>>, targets: Map<string, string | null>, apart: ReadonlySet<string> = new Set()): Promise<Map<string, Payload>> {
  const { records, flags } = await mergedRecords(ctx, staged);
  const companies = [...records.values()].map((r) => str(r.company_id)).filter((c): c is string => c !== null);
  const written = await linkedAccounts(ctx, companies);
  const leadStage = ctx.settings.destination.pickers["contacts.lifecycle_stage_id"]?.[ctx.settings.mapping.routing.contact.leadLifecycleStage.toLowerCase()];
  const out = new Map<string, Payload>();
  for (const [id, r] of records) {
    const p = base(ctx, "contact", "contacts", id, apart.has(id) ? { ...r, email: null } : r);
    const merged = flags.get(id);
    if (p.ok && merged) p.flags.push(merged);
    if (p.ok) {
      if (targets.get(id) === "leads" || targets.get(id) === LEADS_MODULE) {
        if (leadStage !== undefined) p.fields.lifecycle_stage_id = leadStage;
        // A contact that lost its company (a Lead again) loses its account in Freshsales too.
        if (ctx.rewrite) p.fields.sales_accounts = [];
        if (ctx.settings.mapping.routing.contact.withoutCompany === "leads_module" && !leadsToModule(ctx)) p.flags.push(noLeadsModuleFlag(ctx.settings.mapping.routing.contact.leadLifecycleStage));
      } else {
        // A Lead that gained a company leaves the Lead stage, unless the map sends a stage of its own.
        if (ctx.rewrite && !("lifecycle_stage_id" in p.fields)) p.fields.lifecycle_stage_id = null;
        const company = str(r.company_id);
        const dest = company ? written.get(company) : undefined;
        if (dest) p.fields.sales_accounts = [{ id: Number(dest.destId), is_primary: true }];
        else if (company) {
          out.set(id, { ok: false, reason: `contact ${id}: its company ${company} was not written (see that record's reason)` });
          continue;
        }
      }
    }
    out.set(id, p);
  }
  return out;
}

export async function dealPayloads(ctx: BatchContext, records: Map<string, Record<string, unknown>>): Promise<Map<string, Payload>> {
  const all = [...records.values()];
  const companies = await linkedAccounts(ctx, all.map((r) => str(r.company_id)).filter((c): c is string => c !== null));
  const contactIds = all.flatMap((r) => (Array.isArray(r.contact_ids) ? r.contact_ids.filter((c): c is string => typeof c === "string") : []));
  const contacts = await linkedContacts(ctx, contactIds);
  const products = await linkedIds(ctx, "products", all.flatMap((r) => lineItems(r).map((l) => l.productId)));
  const { stageMap, routing } = ctx.settings.mapping;
  const out = new Map<string, Payload>();
  for (const [id, r] of records) {
    const p = base(ctx, "deal", "deals", id, r);
    if (!p.ok) {
      out.set(id, p);
      continue;
    }
    const pipeline = str(r.pipeline_id);
    const stage = str(r.stage_id);
    const pipelineMap = pipeline ? stageMap.pipelines.find((m) => m.sourcePipelineId === pipeline) : undefined;
    if (pipelineMap && isToCreate(pipelineMap)) {
      // The preflight holds the run until the pipeline exists; a deal reaching here (stale settings) is not sent to another pipeline.
      out.set(id, { ok: false, reason: `deal ${id}, field pipeline_id: pipeline "${pipelineMap.sourcePipelineName}" is to be created in Freshsales and is not mapped yet: create it, re-propose the map and approve it` });
      continue;
    }
    if (pipeline && stage && pipelineMap) {
      const mapped = stageFor(stageMap, pipeline, stage);
      if (!mapped || mapped.destinationStageId === null) {
        out.set(id, { ok: false, reason: `deal ${id}, field stage_id: stage ${stage} does not belong to pipeline ${pipeline}` });
        continue;
      }
      // Freshsales takes a stage only with the pipeline it belongs to: both always travel together.
      p.fields.deal_pipeline_id = Number(pipelineMap.destinationPipelineId);
      p.fields.deal_stage_id = Number(mapped.destinationStageId);
    } else if (pipeline && !pipelineMap && routing.deal.unmappedPipeline === "fail") {
      out.set(id, { ok: false, reason: `deal ${id}, field pipeline_id: pipeline ${pipeline} is not in the confirmed stage map` });
      continue;
    }
    const company = str(r.company_id);
    const account = company ? companies.get(company) : undefined;
    if (account) p.fields.sales_account_id = Number(account.destId);
    else if (ctx.rewrite && !company) p.fields.sales_account_id = null;
    const linked = (Array.isArray(r.contact_ids) ? r.contact_ids : []).flatMap((c) => {
      const d = typeof c === "string" ? contacts.get(c) : undefined;
      return d ? [Number(d.destId)] : [];
    });
    // Two source contacts merged into one destination contact are one link.
    if (linked.length > 0) p.fields.contacts_added_list = [...new Set(linked)];
    p.lineItems = routing.product.dealLineItems ? lineItems(r).filter((l) => products.has(l.productId)).length : 0;
    out.set(id, p);
  }
  return out;
}

export interface LineItem {
  productId: string;
  quantity: number;
  unitPrice: string | undefined;
}

export function lineItems(record: Record<string, unknown>): LineItem[] {
  const raw = Array.isArray(record.line_items) ? record.line_items : [];
  return raw.flatMap((l): LineItem[] => {
    const o = (l ?? {}) as Record<string, unknown>;
    const productId = str(o.product_id);
    if (!productId) return [];
    const quantity = typeof o.quantity === "number" ? o.quantity : Number(o.quantity ?? 1);
    const unitPrice = o.unit_price === null || o.unit_price === undefined ? undefined : String(o.unit_price);
    return [{ productId, quantity: Number.isFinite(quantity) ? quantity : 1, unitPrice }];
  });
}
