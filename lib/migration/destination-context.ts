import { MAX_DOCUMENT_BYTES } from "@/lib/connectors/freshsales/documents";
import type { FsMetadata } from "@/lib/connectors/freshsales/metadata";
import type { DestinationContext } from "./types";

const lower = (s: string) => s.trim().toLowerCase();

function index(options: { id: number | string; name: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of options) {
    const id = typeof o.id === "number" ? o.id : Number(o.id);
    if (Number.isFinite(id)) out[lower(o.name)] = id;
  }
  return out;
}

/**
 * Digest of the destination's metadata that payload building needs: id pickers resolved by
 * label, task types, currencies, and which fields exist. Read once per run so no batch asks
 * the API again.
 */
export function destinationContext(meta: FsMetadata, storageQuotaBytes: number | null = null): DestinationContext {
  const pickers: Record<string, Record<string, number>> = {};
  const fields: Record<string, string[]> = {};
  for (const [entity, list] of Object.entries(meta.fields)) {
    const plural = entity === "contact" ? "contacts" : entity === "deal" ? "deals" : "sales_accounts";
    fields[plural] = list.map((f) => f.name);
    for (const f of list) {
      if (f.name.endsWith("_id") && f.choices.length > 0) pickers[`${plural}.${f.name}`] = index(f.choices.map((c) => ({ id: c.id, name: c.value })));
    }
  }
  pickers["contacts.lifecycle_stage_id"] = index(meta.lifecycleStages);
  pickers["contacts.contact_status_id"] = index(meta.contactStatuses);
  const currencies: Record<string, number> = {};
  for (const c of meta.currencies) currencies[c.code.toUpperCase()] = c.id;
  pickers["deals.currency_id"] = Object.fromEntries(Object.entries(currencies).map(([k, v]) => [k.toLowerCase(), v]));
  return { pickers, fields, taskTypes: index(meta.taskTypes), currencies, maxFileBytes: MAX_DOCUMENT_BYTES, storageQuotaBytes, leadsModule: meta.leadsModule ?? false };
}
