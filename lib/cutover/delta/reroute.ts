/**
 * A contact changed in the source is routed again from its new values: one that gained a
 * company becomes a Contact linked to its Account, one that lost it a Lead again. The company
 * counts when its staged copy is live (a company created in the same poll is staged first:
 * companies come before contacts in DELTA_COLLECTIONS).
 */
import { routeRecord } from "@/lib/mapping/route-record";
import { ledgerTarget } from "@/lib/migration/seed-ledger";
import type { ApprovedMapping } from "@/lib/migration/types";
import type { Db } from "@/lib/server/db";

export async function contactTarget(db: Db, migrationId: string, mapping: ApprovedMapping, record: Record<string, unknown>): Promise<string | null> {
  const company = typeof record.company_id === "string" && record.company_id !== "" ? record.company_id : null;
  const live = company
    ? await db.stagedRecord.count({ where: { migrationId, collection: "companies", sourceId: company, deleted: false } })
    : 0;
  const decision = routeRecord("contact", record, mapping.routing, { knownCompanyIds: new Set(live > 0 && company ? [company] : []) });
  const target = decision.target.entity;
  // A route to nowhere (skip, fail) is not a move: the record keeps the target it was written as.
  return target === "contacts" || target === "leads" ? ledgerTarget(decision.target) : null;
}
