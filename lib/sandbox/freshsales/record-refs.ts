import type { ActivityKind, Store } from "./store";
import type { Entity, StoredRecord } from "./types";

function live(ids: number[], exists: (id: number) => boolean): number[] | undefined {
  return ids.every(exists) ? ids : ids.filter(exists);
}

/**
 * Drops references to deleted records from a record, on touch. Deletes stay O(1) this way
 * (a rollback deletes many records; scanning every deal per deleted contact would not
 * scale), and a reader never sees the difference: ids are never reused.
 */
export function pruneRefs(store: Store, entity: Entity, r: StoredRecord): void {
  const d = r.data;
  const setList = (key: string, list: number[] | undefined, exists: (id: number) => boolean): void => {
    if (!list) return;
    const left = live(list, exists);
    if (left === list) return;
    if (left && left.length > 0) d[key] = left;
    else delete d[key];
  };
  const accounts = store.records.sales_accounts;
  if (entity === "contacts") {
    setList("sales_accounts", d.sales_accounts as number[] | undefined, (id) => accounts.has(id));
  } else if (entity === "deals") {
    if (typeof d.sales_account_id === "number" && !accounts.has(d.sales_account_id)) delete d.sales_account_id;
    setList("contacts", d.contacts as number[] | undefined, (id) => store.records.contacts.has(id));
    const lines = d.products as Array<[number, number, number | null]> | undefined;
    if (lines && !lines.every((l) => store.products.has(l[0]))) {
      const left = lines.filter((l) => store.products.has(l[0]));
      if (left.length > 0) d.products = left;
      else delete d.products;
    }
  } else if (typeof d.parent_sales_account_id === "number" && !accounts.has(d.parent_sales_account_id)) {
    delete d.parent_sales_account_id;
  }
}

const KIND_BY_BASE: Record<number, ActivityKind | "document"> = {
  21: "task",
  22: "appointment",
  23: "note",
  24: "sales_activity",
  25: "phone_call",
  26: "document",
};

/** The kind of an activity or document id, from its id base (see ID_BASE). */
export function kindOfId(id: number): ActivityKind | "document" | undefined {
  return KIND_BY_BASE[Math.floor(id / 1_000_000_000)];
}

/** Activity and document ids currently attached to a target record. */
export function attachedTo(store: Store, targetId: number): Array<{ kind: ActivityKind | "document"; id: number }> {
  const out: Array<{ kind: ActivityKind | "document"; id: number }> = [];
  for (const id of store.attached.get(targetId) ?? []) {
    const kind = kindOfId(id);
    if (!kind) continue;
    const current = kind === "document" ? store.documents.get(id)?.targetableId : store.activities[kind].get(id)?.data.targetable_id;
    if (current === targetId) out.push({ kind, id });
  }
  return out;
}

export function attach(store: Store, targetId: number, id: number): void {
  const list = store.attached.get(targetId);
  if (!list) store.attached.set(targetId, [id]);
  else if (!list.includes(id)) list.push(id);
}
