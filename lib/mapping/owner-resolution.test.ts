import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { OwnerNotConfirmedError, draftResolution, ownerFor, ownerReportCsv, resolveOwners } from "./owner-resolution";

const users = [
  { id: "u1", email: " Ana@Clinic.example ", first_name: "Ana", last_name: "Ruiz", active: true },
  { id: "u2", email: "ben@clinic.example", first_name: "Ben", last_name: "Ng", active: true },
  { id: "u3", email: "cleo@clinic.example", first_name: "Cleo", last_name: null, active: false },
  { id: "u4", email: "dan@clinic.example", active: true },
  { id: "u5", email: "not-an-email", active: true },
  { id: "u6", email: "eve@clinic.example", active: true },
];
const owned = { u1: { contact: 120, deal: 8 }, u2: { deal: 3 }, u3: { activity: 40 }, u4: { contact: 2 }, u5: { contact: 1 }, ghost: { company: 5 } };
const owners = [
  { id: 9001, email: "ana@clinic.example", is_active: true },
  { id: 9002, email: "admin@clinic.example", is_active: true },
  { id: 9003, email: "eve@clinic.example", is_active: false },
];

describe("resolveOwners", () => {
  const report = resolveOwners(users, owned, owners, 9002);
  const byId = new Map(report.rows.map((r) => [r.sourceUserId, r]));

  it("matches by email case- and space-insensitively and counts what each owns", () => {
    expect(byId.get("u1")).toMatchObject({ status: "matched", proposedOwnerId: 9001, totalOwned: 128, ownedRecords: { contact: 120, deal: 8 } });
  });

  it("gives every other user a status and the fallback owner, with the reason", () => {
    expect(byId.get("u2")).toMatchObject({ status: "new_user_required", proposedOwnerId: 9002 });
    expect(byId.get("u2")?.reason).toContain("create ben@clinic.example");
    expect(byId.get("u3")).toMatchObject({ status: "inactive", proposedOwnerId: 9002 });
    expect(byId.get("u5")).toMatchObject({ status: "unmatched" });
    expect(byId.get("u6")).toMatchObject({ status: "inactive" });
    expect(byId.get("u6")?.reason).toContain("deactivated");
    expect(byId.get("ghost")).toMatchObject({ status: "unmatched", totalOwned: 5, name: "(unknown user ghost)" });
    expect(report.summary).toEqual({ matched: 1, unmatched: 2, new_user_required: 2, inactive: 2 });
  });

  it("refuses a fallback owner that is not an active Freshsales user", () => {
    expect(() => resolveOwners(users, owned, owners, 9003)).toThrow(/not an active Freshsales user/);
  });

  it("writes the report as CSV a spreadsheet can read back", () => {
    const rows = parse(ownerReportCsv(report), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(7);
    expect(rows[0]).toMatchObject({ source_user_id: "u1", status: "matched", contact_records: "120", deal_records: "8", total_records: "128", proposed_owner_id: "9001" });
  });
});

describe("ownerFor", () => {
  const report = resolveOwners(users, owned, owners, 9002);

  it("throws until the owner is confirmed, then returns the confirmed or fallback owner", () => {
    const draft = draftResolution(report);
    expect(() => ownerFor("u1", draft)).toThrow(OwnerNotConfirmedError);
    expect(() => ownerFor("u1", draft)).toThrow("owner u1 is not confirmed yet");
    const confirmed = { ...draft, owners: Object.fromEntries(Object.entries(draft.owners).map(([k, v]) => [k, { ...v, confirmed: true }])) };
    expect(ownerFor("u1", confirmed)).toBe(9001);
    expect(ownerFor("u2", confirmed)).toBe(9002);
    expect(ownerFor(null, confirmed)).toBe(9002);
    expect(() => ownerFor("someone-new", confirmed)).toThrow(/not in the confirmed owner resolution/);
    expect(() => ownerFor(null, { ...confirmed, fallbackOwnerId: null })).toThrow(/no fallback owner is confirmed/);
  });
});
