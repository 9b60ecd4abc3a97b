/** Applies the routing rules to one source record: its Freshsales target and why. */
import type { SourceObject } from "@/lib/inventory/types";
import type { RoutingRules } from "./routing-rules";

export type RouteTarget =
  | { entity: "sales_accounts"; parentSourceId: string | null }
  | { entity: "contacts"; companySourceId: string | null; lifecycleStage?: string }
  | { entity: "leads" }
  | { entity: "deals"; pipelineSourceId: string | null; stageSourceId: string | null; lineItems: number }
  | { entity: "tasks"; taskType: string }
  | { entity: "notes" }
  | { entity: "appointments"; attendees: { email: string; name: string }[] }
  | { entity: "documents"; parentType: "contacts" | "sales_accounts" | "deals"; parentSourceId: string }
  | { entity: "products" }
  | { entity: "owners"; email: string | null }
  | { entity: "skip" }
  | { entity: "fail" };

export interface RouteDecision {
  target: RouteTarget;
  reason: string;
}

/** Facts about other records that some routes depend on; each is optional. */
export interface RouteContext {
  /** Ids of companies that exist (not deleted); a contact pointing elsewhere has no company. */
  knownCompanyIds?: ReadonlySet<string>;
  /** company id -> parent company id, to cut parent cycles. */
  companyParents?: ReadonlyMap<string, string | null>;
  /** Pipelines present in the confirmed stage map. */
  mappedPipelineIds?: ReadonlySet<string>;
}

type SourceRecord = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

function closesCycle(id: string, parent: string, parents: ReadonlyMap<string, string | null>): boolean {
  const seen = new Set<string>();
  for (let at: string | null = parent; at !== null; at = parents.get(at) ?? null) {
    if (at === id) return true;
    if (seen.has(at)) return false;
    seen.add(at);
  }
  return false;
}

function routeCompany(r: SourceRecord, rules: RoutingRules, ctx: RouteContext): RouteDecision {
  const id = str(r.id) ?? "";
  const parent = str(r.parent_company_id);
  if (!parent || !rules.company.keepParentHierarchy) return { target: { entity: "sales_accounts", parentSourceId: null }, reason: "company → Account" };
  if (ctx.knownCompanyIds && !ctx.knownCompanyIds.has(parent)) {
    return { target: { entity: "sales_accounts", parentSourceId: null }, reason: `company → Account; parent ${parent} no longer exists, so no Parent Account` };
  }
  if (ctx.companyParents && closesCycle(id, parent, ctx.companyParents)) {
    return { target: { entity: "sales_accounts", parentSourceId: null }, reason: `company → Account; parent ${parent} would close a parent cycle, so the link is cut here` };
  }
  return { target: { entity: "sales_accounts", parentSourceId: parent }, reason: `company → Account with Parent Account from company ${parent}` };
}

function routeContact(r: SourceRecord, rules: RoutingRules, ctx: RouteContext): RouteDecision {
  const company = str(r.company_id);
  const exists = company !== null && (!ctx.knownCompanyIds || ctx.knownCompanyIds.has(company));
  if (exists) return { target: { entity: "contacts", companySourceId: company }, reason: `contact with company ${company} → Contact linked to its Account` };
  const why = company === null ? "contact without a company" : `contact whose company ${company} no longer exists`;
  if (rules.contact.withoutCompany === "leads_module") return { target: { entity: "leads" }, reason: `${why} → Lead (Leads module)` };
  const stage = rules.contact.leadLifecycleStage;
  return { target: { entity: "contacts", companySourceId: null, lifecycleStage: stage }, reason: `${why} → Contact at lifecycle stage "${stage}"` };
}

function routeDeal(r: SourceRecord, rules: RoutingRules, ctx: RouteContext): RouteDecision {
  const pipeline = str(r.pipeline_id);
  const lineItems = Array.isArray(r.line_items) && rules.product.dealLineItems ? r.line_items.length : 0;
  const items = lineItems > 0 ? ` with ${lineItems} deal products` : "";
  if (pipeline && ctx.mappedPipelineIds && !ctx.mappedPipelineIds.has(pipeline)) {
    if (rules.deal.unmappedPipeline === "fail") return { target: { entity: "fail" }, reason: `pipeline ${pipeline} is not in the confirmed stage map` };
    return { target: { entity: "deals", pipelineSourceId: null, stageSourceId: null, lineItems }, reason: `deal → Deal in the default pipeline${items}; its pipeline ${pipeline} is not in the stage map` };
  }
  return { target: { entity: "deals", pipelineSourceId: pipeline, stageSourceId: str(r.stage_id), lineItems }, reason: `deal → Deal in the mapped pipeline${items}` };
}

function routeActivity(r: SourceRecord, rules: RoutingRules): RouteDecision {
  const linked = ["contact_id", "company_id", "deal_id"].some((k) => str(r[k]) !== null);
  const unlinked = linked ? "" : "; linked to no record";
  switch (r.type) {
    case "call":
    case "email": {
      const rule = rules.activity[r.type];
      return { target: { entity: "tasks", taskType: rule.taskType }, reason: `${r.type} → Task of type "${rule.taskType}"${unlinked}` };
    }
    case "note": {
      const rule = rules.activity.note;
      // A Freshsales note must hang off a record; an unlinked one can only be a Task.
      if (rule.target === "notes" && linked) return { target: { entity: "notes" }, reason: "note → Freshsales note on its record" };
      const fallback = rule.target === "notes" ? "; not linked to a record, so a Task instead of a note" : unlinked;
      return { target: { entity: "tasks", taskType: rule.taskType }, reason: `note → Task of type "${rule.taskType}"${fallback}` };
    }
    case "meeting": {
      const raw = rules.activity.meeting.includeAttendees && Array.isArray(r.attendees) ? r.attendees : [];
      const attendees = raw.flatMap((a: unknown) => {
        const o = (a ?? {}) as Record<string, unknown>;
        const email = str(o.email);
        return email ? [{ email, name: str(o.name) ?? email }] : [];
      });
      return { target: { entity: "appointments", attendees }, reason: `meeting → Appointment with ${attendees.length} attendees${unlinked}` };
    }
    default:
      return { target: { entity: "fail" }, reason: `activity type ${JSON.stringify(r.type)} has no route` };
  }
}

const PARENT: Record<string, "contacts" | "sales_accounts" | "deals"> = { contact: "contacts", company: "sales_accounts", deal: "deals" };

function routeAttachment(r: SourceRecord, rules: RoutingRules): RouteDecision {
  const parentType = PARENT[String(r.parent_type)];
  const parentId = str(r.parent_id);
  if (!parentType || !parentId) return { target: { entity: "skip" }, reason: "attachment without a contact, company or deal to attach to" };
  const size = typeof r.size_bytes === "number" ? r.size_bytes : 0;
  if (size > rules.attachment.maxBytes) {
    return { target: { entity: "skip" }, reason: `attachment of ${size} bytes exceeds the ${rules.attachment.maxBytes}-byte Freshsales file limit` };
  }
  return { target: { entity: "documents", parentType, parentSourceId: parentId }, reason: `attachment → Document on its ${r.parent_type} ${parentId}` };
}

export function routeRecord(object: SourceObject, record: SourceRecord, rules: RoutingRules, context: RouteContext = {}): RouteDecision {
  if (str(record.deleted_at)) return { target: { entity: "skip" }, reason: `${object} was deleted in Visual Practice` };
  switch (object) {
    case "company":
      return routeCompany(record, rules, context);
    case "contact":
      return routeContact(record, rules, context);
    case "deal":
      return routeDeal(record, rules, context);
    case "activity":
      return routeActivity(record, rules);
    case "attachment":
      return routeAttachment(record, rules);
    case "product":
      return { target: { entity: "products" }, reason: "product → Product" };
    case "user":
      return { target: { entity: "owners", email: str(record.email) }, reason: "user → Freshsales owner, resolved by email" };
    case "pipeline":
      return { target: { entity: "skip" }, reason: "pipelines are mapped in the stage map, not written as records" };
  }
}
