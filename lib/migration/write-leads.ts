/**
 * Contacts without a company, where the admin's routing sends them to the Leads module and
 * the destination has one (Freshsales Classic, `/api/leads`): one create per lead, behind an
 * intent row committed first, since a create is not idempotent. An intent left by a crash or a
 * lost answer is settled by the lead carrying its source id before anything is sent again.
 * On the Suite (no Leads module) they stay Contacts at the Lead lifecycle stage, flagged.
 */
import { createLead, findLeadsBySourceIds, leadFields } from "@/lib/connectors/freshsales/leads";
import { FreshsalesOutcomeUnknownError } from "@/lib/connectors/freshsales/errors";
import { errorText, failed, type BatchContext } from "./batch-context";
import { record, type LedgerRow, type Outcome } from "./ledger";
import type { Payload } from "./record-payloads";

/** The ledger target of a contact written as a lead in the Leads module. */
export const LEADS_MODULE = "leads_module";

/** Whether this run writes leads to the Leads module: the admin's rule and a destination that has one. */
export function leadsToModule(ctx: Pick<BatchContext, "settings">): boolean {
  return ctx.settings.mapping.routing.contact.withoutCompany === "leads_module" && ctx.settings.destination.leadsModule === true;
}

/** The flag a lead carries when the rule asks for the Leads module and the destination has none. */
export function noLeadsModuleFlag(stage: string): string {
  return `no Leads module in this Freshsales account (the Suite has none): written as a Contact at lifecycle stage "${stage}"`;
}

/** Why leads go where they go, for the dry run and the sample. */
export function leadsDestination(ctx: Pick<BatchContext, "settings">): { target: "leads_module" | "contact_lifecycle_lead"; why: string } {
  const stage = ctx.settings.mapping.routing.contact.leadLifecycleStage;
  if (leadsToModule(ctx)) return { target: "leads_module", why: "the routing sends contacts without a company to the Leads module, and this Freshsales account has one (Classic)" };
  if (ctx.settings.mapping.routing.contact.withoutCompany === "leads_module") return { target: "contact_lifecycle_lead", why: `the routing asks for the Leads module, but this Freshsales account has none (the Suite): they become Contacts at lifecycle stage "${stage}"` };
  return { target: "contact_lifecycle_lead", why: `the routing makes contacts without a company Contacts at lifecycle stage "${stage}"` };
}

const reasonOf = (row: LedgerRow, flags: string[]): string | null => {
  const parts = [row.reason, ...flags].filter((x): x is string => !!x);
  return parts.length > 0 ? parts.join("; ").slice(0, 2000) : null;
};

/** Answers false when a lead's outcome is still unknown (its intent stays; the batch is retried). */
export async function writeLeads(ctx: BatchContext, rows: LedgerRow[], payloads: Map<string, Payload>): Promise<boolean> {
  const open = rows.filter((r) => r.state === "intent" && !r.destId);
  const found = open.length > 0 ? await findLeadsBySourceIds(ctx.conn, open.map((r) => r.sourceId)) : new Map<string, number>();
  let settled = true;
  for (const row of rows) {
    const p = payloads.get(row.sourceId);
    if (!p?.ok) continue;
    const reason = reasonOf(row, p.flags);
    const already = found.get(row.sourceId);
    if (already !== undefined) {
      await record(ctx.db, ctx.migrationId, "contacts", ctx.runId, [{ sourceId: row.sourceId, state: "written", action: "created", target: LEADS_MODULE, destId: String(already), reason }]);
      continue;
    }
    await record(ctx.db, ctx.migrationId, "contacts", ctx.runId, [{ sourceId: row.sourceId, state: "intent", target: LEADS_MODULE, reason: row.reason }]);
    ctx.chaos("leads:after-intent");
    let outcome: Outcome;
    try {
      const lead = await createLead(ctx.conn, leadFields(p.fields));
      outcome = { sourceId: row.sourceId, state: "written", action: "created", target: LEADS_MODULE, destId: String(lead.id), reason };
    } catch (error) {
      if (error instanceof FreshsalesOutcomeUnknownError) {
        settled = false;
        continue;
      }
      outcome = failed(row.sourceId, `contact ${row.sourceId} (as a lead): ${errorText(error)}`);
    }
    await record(ctx.db, ctx.migrationId, "contacts", ctx.runId, [outcome]);
  }
  return settled;
}
