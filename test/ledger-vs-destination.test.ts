import { describe, expect, it } from "vitest";
import { ledgerVsDestination, type EmulatorDump, type LedgerRowLike } from "./ledger-vs-destination";

const dump = (): EmulatorDump => ({
  records: {
    sales_accounts: [{ id: 1, data: { name: "A" }, custom_field: { cf_vp_id: "co_1" } }],
    contacts: [{ id: 2, data: {}, custom_field: { cf_vp_id: "ct_1" } }],
    deals: [],
    products: [],
  },
  activities: { task: [{ id: 3, data: { description: "call\n\n[vp:ac_1]" } }] },
  documents: [{ id: 4, name: "a.pdf" }],
});

const row = (objectType: string, sourceId: string, state: string, destId: string | null, target: string | null = null, reason: string | null = null): LedgerRowLike => ({ objectType, sourceId, state, destId, target, reason });

describe("ledger compared with the destination", () => {
  const truthful = [
    row("companies", "co_1", "written", "1", "sales_accounts"),
    row("contacts", "ct_1", "written", "2", "contacts"),
    row("contacts", "ct_2", "failed", null, "contacts", "contacts ct_2: emails is invalid"),
    row("activities", "ac_1", "written", "3", "tasks"),
    row("attachments", "at_1", "written", "4", "documents"),
  ];

  it("finds nothing to say when the ledger tells the truth", () => {
    expect(ledgerVsDestination(truthful, dump())).toEqual([]);
  });

  it("names a record the ledger calls failed that Freshsales holds", () => {
    const rows = truthful.map((r) => (r.sourceId === "ct_1" ? { ...r, state: "failed", destId: null, reason: "not reported by the bulk job" } : r));
    expect(ledgerVsDestination(rows, dump())).toEqual([expect.stringContaining("contacts ct_1 (failed): yet Freshsales holds it as records.contacts 2")]);
  });

  it("names a written row whose record is missing, a duplicate, an unsettled row and a failure without reason", () => {
    const d = dump();
    d.records.contacts!.push({ id: 9, data: {}, custom_field: { cf_vp_id: "ct_1" } });
    const rows = [...truthful.filter((r) => r.sourceId !== "co_1" && r.sourceId !== "ct_2"), row("companies", "co_1", "written", "77", "sales_accounts"), row("deals", "dl_1", "intent", null, "deals"), row("contacts", "ct_2", "skipped", null, "contacts")];
    const problems = ledgerVsDestination(rows, d);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringContaining("companies co_1 (written): records.sales_accounts 77 is not in Freshsales"),
      expect.stringContaining("contacts ct_1 (written): also in Freshsales as 9"),
      expect.stringContaining("deals dl_1 (intent): not settled"),
      expect.stringContaining("contacts ct_2 (skipped): no reason given"),
    ]));
  });

  it("names a destination record carrying a source id the ledger has no row for", () => {
    const rows = truthful.filter((r) => r.sourceId !== "ac_1");
    expect(ledgerVsDestination(rows, dump())).toEqual([]);
    const withRowlessCarrier = dump();
    withRowlessCarrier.records.contacts!.push({ id: 5, data: {}, custom_field: { cf_vp_id: "ct_404" } });
    expect(ledgerVsDestination(truthful, withRowlessCarrier)).toEqual([expect.stringContaining("carries ct_404, which has no ledger row")]);
  });
});
