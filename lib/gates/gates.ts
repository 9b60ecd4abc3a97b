/**
 * The flow's gates in order. A gate is done when the migration records it (with who and
 * when), open when every gate before it is done, and locked otherwise. The server checks
 * `assertGateOpen` before any step acts, never only the UI.
 */
export const GATES = [
  { key: "connect", label: "Connect", description: "Connect Visual Practice and Freshsales" },
  { key: "inventory", label: "Inventory", description: "Extract and profile every object and field" },
  { key: "map", label: "Map", description: "Approve the field map, routing, stage map and owners" },
  { key: "preflight", label: "Preflight", description: "Prove the map can land in Freshsales" },
  { key: "dry-run", label: "Dry run", description: "Plan the full run record by record, writing nothing" },
  { key: "sample", label: "Sample", description: "Migrate a slice and sign off its field-level diff" },
  { key: "full-run", label: "Full run", description: "Migrate everything on the ledger" },
  { key: "delta", label: "Delta", description: "Keep Freshsales in step during cutover" },
  { key: "reconcile", label: "Reconcile", description: "Counts and a field-level diff match" },
  { key: "go-live", label: "Go-live", description: "Confirm and close the migration" },
] as const;

export type GateKey = (typeof GATES)[number]["key"];
export type GateStatus = "done" | "open" | "locked";

export interface GateRecord {
  at: string;
  by: string;
}

export type GateRecords = Partial<Record<GateKey, GateRecord>>;

export function gateStatuses(records: GateRecords): { key: GateKey; label: string; description: string; status: GateStatus; record?: GateRecord }[] {
  let previousDone = true;
  return GATES.map((g) => {
    const record = records[g.key];
    const status: GateStatus = record ? "done" : previousDone ? "open" : "locked";
    previousDone = previousDone && Boolean(record);
    return { ...g, status, record };
  });
}

export function isGateKey(v: string): v is GateKey {
  return GATES.some((g) => g.key === v);
}

export function parseGateRecords(json: unknown): GateRecords {
  if (!json || typeof json !== "object") return {};
  const out: GateRecords = {};
  for (const [k, v] of Object.entries(json as Record<string, unknown>)) {
    if (isGateKey(k) && v && typeof v === "object" && "at" in v && "by" in v) {
      out[k] = { at: String((v as GateRecord).at), by: String((v as GateRecord).by) };
    }
  }
  return out;
}
