import { unindex } from "./record-writer";
import type { Store } from "./store";
import type { Entity, TargetableType } from "./types";

const TARGET_TYPE: Record<Entity, TargetableType> = { contacts: "Contact", sales_accounts: "SalesAccount", deals: "Deal" };

/**
 * Deletes a record and what hangs off it (notes, tasks, appointments, sales activities,
 * files) and drops references to it from other records. Accounts take their contacts and
 * deals with them only when `withAssociated` is set, as `delete_associated_contacts_deals`.
 */
export function deleteRecord(store: Store, entity: Entity, id: number, withAssociated = false): boolean {
  const record = store.records[entity].get(id);
  if (!record) return false;
  unindex(store, entity, record);
  store.records[entity].delete(id);
  deleteAttached(store, TARGET_TYPE[entity], id);

  if (entity === "sales_accounts") {
    const contactIds: number[] = [];
    for (const c of store.records.contacts.values()) {
      const list = c.data.sales_accounts as number[] | undefined;
      if (!list?.includes(id)) continue;
      if (withAssociated) contactIds.push(c.id);
      else {
        const left = list.filter((x) => x !== id);
        if (left.length > 0) c.data.sales_accounts = left;
        else delete c.data.sales_accounts;
      }
    }
    const dealIds: number[] = [];
    for (const d of store.records.deals.values()) {
      if (d.data.sales_account_id !== id) continue;
      if (withAssociated) dealIds.push(d.id);
      else delete d.data.sales_account_id;
    }
    for (const a of store.records.sales_accounts.values()) {
      if (a.data.parent_sales_account_id === id) delete a.data.parent_sales_account_id;
    }
    for (const c of contactIds) deleteRecord(store, "contacts", c);
    for (const d of dealIds) deleteRecord(store, "deals", d);
  }
  if (entity === "contacts") {
    for (const d of store.records.deals.values()) {
      const list = d.data.contacts as number[] | undefined;
      if (!list?.includes(id)) continue;
      const left = list.filter((x) => x !== id);
      if (left.length > 0) d.data.contacts = left;
      else delete d.data.contacts;
    }
  }
  return true;
}

function deleteAttached(store: Store, type: TargetableType, id: number): void {
  for (const map of Object.values(store.activities)) {
    for (const [aid, a] of map) {
      if (a.data.targetable_type === type && a.data.targetable_id === id) map.delete(aid);
    }
  }
  for (const [did, d] of store.documents) {
    if (d.targetableType === type && d.targetableId === id) {
      store.storageUsed -= d.size;
      store.documents.delete(did);
    }
  }
}
