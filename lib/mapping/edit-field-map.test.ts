import { describe, expect, it } from "vitest";
import { FieldMapEditError, applyFieldMapEdits, isFullyReviewed } from "./edit-field-map";
import { DESTINATION } from "@/test/fixtures/mapping/destination-schema";
import { makeProfile } from "@/test/fixtures/mapping/make-profile";
import { proposeFieldMap } from "./propose-field-map";
import { versionHash } from "./version-hash";

const { mappings } = proposeFieldMap(
  [makeProfile("deal", "custom_properties.win_prob", "number"), makeProfile("deal", "amount", "number"), makeProfile("deal", "id", "text")],
  DESTINATION,
);
const WIN = "deal.custom_properties.win_prob->deals";

describe("applyFieldMapEdits", () => {
  it("applies a valid edit, marks it edited by a person, and changes the version hash", () => {
    const edited = applyFieldMapEdits(mappings, [{ id: WIN, status: "accepted", decision: { kind: "field", field: "probability" }, transform: { kind: "number" } }], DESTINATION);
    expect(edited.find((m) => m.id === WIN)).toMatchObject({ decision: { kind: "field", field: "probability" }, status: "edited", proposedBy: "person" });
    expect(versionHash(edited)).not.toBe(versionHash(mappings));
    expect(isFullyReviewed(edited)).toBe(false);
    const all = applyFieldMapEdits(edited, edited.map((m) => ({ id: m.id, status: "accepted" })), DESTINATION);
    expect(isFullyReviewed(all)).toBe(true);
  });

  it("refuses edits that could not land, naming the mapping", () => {
    const bad = (edit: unknown) => () => applyFieldMapEdits(mappings, [edit], DESTINATION);
    expect(bad({ id: WIN, status: "accepted", decision: { kind: "field", field: "cf_nope" } })).toThrow(`${WIN}: Freshsales deals has no field \`cf_nope\``);
    expect(bad({ id: WIN, status: "accepted", decision: { kind: "field", field: "amount" } })).toThrow("`amount` already receives deal.amount");
    expect(bad({ id: WIN, status: "accepted", decision: { kind: "field", field: "probability" }, transform: { kind: "date" } })).toThrow("a date transform cannot write a number field");
    expect(bad({ id: WIN, status: "accepted", decision: { kind: "create_custom_field", spec: { name: "cf_service_tier", label: "x", type: "text" } } })).toThrow(/already exists/);
    expect(bad({ id: "deal.id->deals", status: "accepted", decision: { kind: "do_not_migrate" } })).toThrow(FieldMapEditError);
    expect(bad({ id: WIN, status: "maybe" })).toThrow();
    expect(bad({ id: WIN, status: "accepted", decision: { kind: "system", handling: "owner" } })).toThrow(/dedicated handling/);
    expect(bad({ id: WIN, status: "accepted", decision: { kind: "create_custom_field", spec: { name: "Bad Name", label: "x", type: "text" } } })).toThrow(/cf_/);
  });

  it("lets a rejected mapping go without checks", () => {
    const out = applyFieldMapEdits(mappings, [{ id: WIN, status: "rejected" }], DESTINATION);
    expect(out.find((m) => m.id === WIN)?.status).toBe("rejected");
  });
});
