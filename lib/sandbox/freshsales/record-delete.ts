import { attachedTo } from "./record-refs";
import { unindex } from "./record-writer";
import type { Store } from "./store";
import type { Entity } from "./types";

/**
 * Deletes a record and what hangs off it (notes, tasks, appointments, sales activities,
 * files). References to it from other records are dropped lazily (see pruneRefs). Accounts
 * take their contacts and deals with them only when `withAssociated` is set, as
 * `delete_associated_contacts_deals`; that one scans, since it is rare.
 */
export function deleteRecord(store: Store, entity: Entity, id: number, withAssociated = false): boolean {
  const record = store.records[entity].get(id);
  if (!record) return false;
  unindex(store, entity, record);
  store.records[entity].delete(id);
  for (const { kind, id: attachedId } of attachedTo(store, id)) {
    if (kind === "document") {
      store.storageUsed -= store.documents.get(attachedId)?.size ?? 0;
      store.documents.delete(attachedId);
    } else store.activities[kind].delete(attachedId);
  }
  store.attached.delete(id);
  if (entity === "sales_accounts" && withAssociated) {
    const contactIds: number[] = [];
    for (const c of store.records.contacts.values()) {
      if ((c.data.sales_accounts as number[] | undefined)?.includes(id)) contactIds.push(c.id);
    }
    const dealIds: number[] = [];
    for (const d of store.records.deals.values()) if (d.data.sales_account_id === id) dealIds.push(d.id);
    for (const c of contactIds) deleteRecord(store, "contacts", c);
    for (const d of dealIds) deleteRecord(store, "deals", d);
  }
  return true;
}
