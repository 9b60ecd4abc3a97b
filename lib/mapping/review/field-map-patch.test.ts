import { describe, expect, it } from "vitest";
import { patchFieldMap } from "./field-map-patch";
import type { MapReviewView } from "./review-view";

type Mapping = NonNullable<MapReviewView["drafts"]["fieldMap"]>["data"]["mappings"][number];
const mapping = (id: string, status: Mapping["status"]) => ({ id, status }) as Mapping;
const view = (mappings: Mapping[]): MapReviewView =>
  ({ migrationId: "m", drafts: { fieldMap: { data: { mappings, handledElsewhere: [] }, versionHash: "old", updatedAt: "t" } }, approvals: {}, destination: {} }) as unknown as MapReviewView;

describe("patchFieldMap", () => {
  it("replaces the edited mappings in place and takes the new hash, leaving the rest as they were", () => {
    const a = mapping("a", "proposed");
    const c = mapping("c", "proposed");
    const out = patchFieldMap(view([a, mapping("b", "proposed"), c]), { mappings: [mapping("b", "rejected")], versionHash: "new" });
    expect(out.drafts.fieldMap!.versionHash).toBe("new");
    expect(out.drafts.fieldMap!.data.mappings.map((m) => `${m.id}:${m.status}`)).toEqual(["a:proposed", "b:rejected", "c:proposed"]);
    expect(out.drafts.fieldMap!.data.mappings[0]).toBe(a);
  });

  it("leaves a view without a field map unchanged", () => {
    const empty = { migrationId: "m", drafts: {} } as unknown as MapReviewView;
    expect(patchFieldMap(empty, { mappings: [mapping("b", "rejected")], versionHash: "new" })).toBe(empty);
  });
});
