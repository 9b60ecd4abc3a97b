import { describe, expect, it } from "vitest";
import type { FsField, FsMetadata } from "@/lib/connectors/freshsales/metadata";
import type { FieldMapping } from "@/lib/mapping/schemas";
import { applyTransform } from "@/lib/mapping/transforms/apply-transform";
import { withCurrentChoices } from "./current-choices";

const field = (name: string, type: FsField["type"], choices: string[]): FsField => ({
  id: name, name, label: name, wireType: String(type), type, required: false, custom: true, unique: false,
  choices: choices.map((value, i) => ({ id: i, value, position: i })),
});

const meta = (contact: FsField[], deal: FsField[] = []): FsMetadata => ({
  fields: { contact, sales_account: [], deal },
  pipelines: [], owners: [], lifecycleStages: [], contactStatuses: [], currencies: [], taskTypes: [], salesActivityTypes: [],
});

const mapping = (id: string, over: Partial<FieldMapping>): FieldMapping => ({
  id, source: { object: "contact", path: id, label: id, isCustom: true }, entity: "contacts", decision: { kind: "field", field: "cf_tier" },
  confidence: 0.9, reason: "r", status: "accepted", sensitive: false, alternatives: [], proposedBy: "rules",
  // As proposed: Freshsales had Gold and Silver; "Bronze" had no choice yet and is listed for the admin to create.
  transform: { kind: "dropdown", valueMap: { GOLD: "Gold" }, choices: ["Gold", "Silver"], onUnmapped: "error", unmapped: ["Bronze"], closest: [] },
  ...over,
});

describe("withCurrentChoices", () => {
  it("runs an approved dropdown against the choices Freshsales has now, keeping the approved value map", () => {
    const before = mapping("tier", {});
    expect(applyTransform(before.transform, "Bronze", { field: "cf_tier" }).ok).toBe(false);

    const [after] = withCurrentChoices([before], meta([field("cf_tier", "dropdown", ["Gold", "Silver", "Bronze"])]));
    expect(after!.transform).toMatchObject({ kind: "dropdown", choices: ["Gold", "Silver", "Bronze"], valueMap: { GOLD: "Gold" }, unmapped: ["Bronze"] });
    expect(applyTransform(after!.transform, "Bronze", { field: "cf_tier" })).toMatchObject({ ok: true, value: "Bronze" });
    expect(applyTransform(after!.transform, "GOLD", { field: "cf_tier" })).toMatchObject({ ok: true, value: "Gold" });
    // A choice removed from Freshsales no longer matches by itself.
    const [removed] = withCurrentChoices([before], meta([field("cf_tier", "dropdown", ["Gold"])]));
    expect(applyTransform(removed!.transform, "Silver", { field: "cf_tier" }).ok).toBe(false);
  });

  it("finds a custom field the admin created after the proposal, and multiselect targets", () => {
    const created = mapping("tier", { decision: { kind: "create_custom_field", spec: { name: "cf_new_tier", label: "Tier", type: "dropdown", choices: ["Gold"] } } });
    const tags = mapping("tags", { decision: { kind: "field", field: "cf_tags" }, transform: { kind: "multiselect", valueMap: {}, choices: ["a"] } });
    const out = withCurrentChoices([created, tags], meta([field("cf_new_tier", "dropdown", ["Gold", "Platinum"]), field("cf_tags", "multiselect", ["a", "b"])]));
    expect(out[0]!.transform).toMatchObject({ choices: ["Gold", "Platinum"] });
    expect(out[1]!.transform).toMatchObject({ choices: ["a", "b"] });
  });

  it("leaves a mapping alone when the snapshot does not list its field, or it is not a choice transform, or it is another entity", () => {
    const missing = mapping("tier", { decision: { kind: "field", field: "cf_gone" } });
    const text = mapping("name", { decision: { kind: "field", field: "cf_tier" }, transform: { kind: "text", maxLength: 10 } });
    const deal = mapping("deal_tier", { entity: "deals" });
    const input = [missing, text, deal];
    const out = withCurrentChoices(input, meta([field("cf_tier", "dropdown", ["Gold", "Silver", "Bronze"])], [field("cf_other", "dropdown", ["x"])]));
    expect(out).toEqual(input);
    expect(out[2]!.transform).toMatchObject({ choices: ["Gold", "Silver"] });
  });

  it("does not change the mappings it was given (the stored, approved draft)", () => {
    const before = mapping("tier", {});
    const copy = structuredClone(before);
    withCurrentChoices([before], meta([field("cf_tier", "dropdown", ["Gold", "Silver", "Bronze"])]));
    expect(before).toEqual(copy);
  });
});
