/**
 * Test support: the ledger compared with what the Freshsales emulator holds, record by record.
 * A run's figures must agree with the destination whatever the destination answered on the
 * wire: a row the ledger calls written is there under its destination id and carries its source
 * id; a row the ledger calls failed or skipped is absent and says why; and nothing in the
 * destination carries a source id the ledger does not account for as written there.
 */

interface DumpRecord {
  id: number;
  data: Record<string, unknown>;
  custom_field?: Record<string, unknown>;
}

interface DumpDocument {
  id: number;
  name?: string;
  targetableType?: string;
  targetableId?: number;
}

export interface EmulatorDump {
  records: Record<string, DumpRecord[]>;
  activities: Record<string, DumpRecord[]>;
  leads?: DumpRecord[];
  documents: DumpDocument[];
}

export interface LedgerRowLike {
  objectType: string;
  sourceId: string;
  state: string;
  target: string | null;
  destId: string | null;
  reason: string | null;
}

const MARKER = /\[vp:([^\]]+)\]/;

/** Where a ledger target lives in the dump, and how a record there names its source id. */
function kindOf(target: string | null, objectType: string): { list: string; carried: (r: DumpRecord) => string | undefined } | null {
  const byCf = (r: DumpRecord) => (typeof r.custom_field?.cf_vp_id === "string" ? r.custom_field.cf_vp_id : undefined);
  const byMarker = (r: DumpRecord) => MARKER.exec(String(r.data.description ?? ""))?.[1];
  if (objectType === "companies") return { list: "records.sales_accounts", carried: byCf };
  // On the Suite a lead is a contact with lifecycle stage Lead (freshsales-api.md §2.1).
  if (objectType === "contacts") return { list: "records.contacts", carried: byCf };
  if (objectType === "deals") return { list: "records.deals", carried: byCf };
  if (objectType === "products") return { list: "records.products", carried: byMarker };
  if (objectType === "activities") {
    const kind = target === "appointments" ? "appointment" : target === "notes" ? "note" : "task";
    return { list: `activities.${kind}`, carried: byMarker };
  }
  return null;
}

function listOf(dump: EmulatorDump, path: string): DumpRecord[] {
  const [head, tail] = path.split(".") as [string, string | undefined];
  if (head === "leads") return dump.leads ?? [];
  const group = (head === "records" ? dump.records : dump.activities) ?? {};
  return (tail ? group[tail] : undefined) ?? [];
}

/**
 * Every disagreement between the ledger and the destination, in words. An empty list means the
 * ledger tells the truth. Attachments are checked by destination id (a document carries no
 * source id of its own).
 */
export function ledgerVsDestination(rows: readonly LedgerRowLike[], dump: EmulatorDump): string[] {
  const problems: string[] = [];
  const docIds = new Set(dump.documents.map((d) => String(d.id)));
  // Destination records per list: id -> record, and source id -> ids carrying it.
  const byList = new Map<string, { ids: Map<string, DumpRecord>; carriers: Map<string, string[]> }>();
  const indexOf = (list: string, carried: (r: DumpRecord) => string | undefined) => {
    let idx = byList.get(list);
    if (!idx) {
      idx = { ids: new Map(), carriers: new Map() };
      for (const r of listOf(dump, list)) {
        idx.ids.set(String(r.id), r);
        const sid = carried(r);
        if (sid) idx.carriers.set(sid, [...(idx.carriers.get(sid) ?? []), String(r.id)]);
      }
      byList.set(list, idx);
    }
    return idx;
  };
  for (const row of rows) {
    const label = `${row.objectType} ${row.sourceId} (${row.state})`;
    if (row.state !== "written" && row.state !== "failed" && row.state !== "skipped") {
      problems.push(`${label}: not settled`);
      continue;
    }
    if (row.state !== "written" && !row.reason) problems.push(`${label}: no reason given`);
    if (row.objectType === "attachments") {
      if (row.state === "written" && (!row.destId || !docIds.has(row.destId))) problems.push(`${label}: document ${row.destId} is not in Freshsales`);
      if (row.state !== "written" && row.destId && docIds.has(row.destId)) problems.push(`${label}: document ${row.destId} is in Freshsales`);
      continue;
    }
    const kind = kindOf(row.target, row.objectType);
    if (!kind) continue;
    const idx = indexOf(kind.list, kind.carried);
    const carriers = idx.carriers.get(row.sourceId) ?? [];
    if (row.state === "written") {
      const rec = row.destId ? idx.ids.get(row.destId) : undefined;
      if (!rec) problems.push(`${label}: ${kind.list} ${row.destId} is not in Freshsales`);
      else if (kind.carried(rec) !== row.sourceId) {
        problems.push(`${label}: ${kind.list} ${row.destId} carries source id ${kind.carried(rec) ?? "none"}`);
      }
      const others = carriers.filter((id) => id !== row.destId);
      if (others.length > 0) problems.push(`${label}: also in Freshsales as ${others.join(", ")} (a duplicate)`);
    } else if (carriers.length > 0) {
      problems.push(`${label}: yet Freshsales holds it as ${kind.list} ${carriers.join(", ")} (${row.reason ?? "no reason"})`);
    }
  }
  // A destination record carrying a source id the ledger has no row for: written behind its back.
  const sources = new Set(rows.map((r) => r.sourceId));
  for (const [list, idx] of byList) {
    for (const [sid, ids] of idx.carriers) if (!sources.has(sid)) problems.push(`${list} ${ids.join(", ")} carries ${sid}, which has no ledger row`);
  }
  return problems;
}
