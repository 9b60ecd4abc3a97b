/**
 * What becomes of one activity before any call: the record it hangs off (the first of its
 * contact, deal, company that was written), its owner, and the times its kind needs. The full
 * run writes what this allows; the dry run predicts from the same answer.
 */
import type { FsEntity, FsTargetableType } from "@/lib/connectors/freshsales/wire";
import { iso, resolveOwner, type BatchContext } from "./batch-context";
import { linkedRecords } from "./duplicate-contacts";

const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);
export const ACTIVITY_LINKS = [
  { key: "contact_id", collection: "contacts", entity: "contact", type: "Contact" },
  { key: "deal_id", collection: "deals", entity: "deal", type: "Deal" },
  { key: "company_id", collection: "companies", entity: "sales_account", type: "SalesAccount" },
] as const;

export interface ActivityTarget {
  entity: FsEntity;
  type: FsTargetableType;
  id: number;
}

export type LinkedRecords = Map<string, Map<string, { destId: string }>>;

/** The destination ids of the records a batch's activities link to, per collection. */
export async function activityLinks(ctx: BatchContext, records: Iterable<Record<string, unknown>>): Promise<LinkedRecords> {
  const all = [...records];
  const linked: LinkedRecords = new Map();
  for (const l of ACTIVITY_LINKS) {
    const ids = all.map((r) => str(r[l.key])).filter((x): x is string => x !== null);
    // A company skipped as a later namesake (first wins), or a contact merged into another, lends its activities to the first.
    linked.set(l.collection, await linkedRecords(ctx, l.collection, ids));
  }
  return linked;
}

export type ActivityVerdict =
  | { ok: false; reason: string }
  | { ok: true; kind: "notes"; target: ActivityTarget }
  | { ok: true; kind: "appointments"; target: ActivityTarget; ownerId: number | undefined; from: string; to: string }
  | { ok: true; kind: "tasks"; target: ActivityTarget; ownerId: number | undefined; due: string; taskType: string; typeId: number | undefined };

/** The activity's fate by the ledger's target (`notes`, `appointments`, else a task). */
export function activityVerdict(ctx: BatchContext, sourceId: string, routedTo: string | null, r: Record<string, unknown>, linked: LinkedRecords): ActivityVerdict {
  let target: ActivityTarget | null = null;
  for (const l of ACTIVITY_LINKS) {
    const src = str(r[l.key]);
    const dest = src ? linked.get(l.collection)?.get(src) : undefined;
    if (dest) {
      target = { entity: l.entity, type: l.type, id: Number(dest.destId) };
      break;
    }
  }
  if (!target) return { ok: false, reason: `activity ${sourceId}: none of its linked records was written (see their reasons)` };
  if (routedTo === "notes") return { ok: true, kind: "notes", target };
  const owner = resolveOwner(ctx, r, `activity ${sourceId}`);
  if (!owner.ok) return { ok: false, reason: owner.reason };
  const ownerId = owner.ownerId;
  if (routedTo === "appointments") {
    const from = iso(r.start_at) ?? iso(r.occurred_at);
    const to = iso(r.end_at) ?? from;
    if (!from || !to) return { ok: false, reason: `activity ${sourceId}, field start_at: a meeting needs a start time` };
    return { ok: true, kind: "appointments", target, ownerId, from, to };
  }
  const { routing } = ctx.settings.mapping;
  const type = String(r.type ?? "");
  const taskType = type === "call" || type === "email" || type === "note" ? routing.activity[type].taskType : "Task";
  const typeId = ctx.settings.destination.taskTypes[taskType.toLowerCase()];
  const due = iso(r.occurred_at);
  if (!due) return { ok: false, reason: `activity ${sourceId}, field occurred_at: a task needs a due date` };
  return { ok: true, kind: "tasks", target, ownerId, due, taskType, typeId };
}
