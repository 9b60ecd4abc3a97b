import type { FieldMapPatch } from "./review-service";
import type { MapReviewView } from "./review-view";

/** The map view with an edit's answer applied: the edited mappings replaced in place, the new hash. */
export function patchFieldMap(view: MapReviewView, patch: Pick<FieldMapPatch, "mappings" | "versionHash">): MapReviewView {
  const draft = view.drafts.fieldMap;
  if (!draft) return view;
  const byId = new Map(patch.mappings.map((m) => [m.id, m]));
  return {
    ...view,
    drafts: { ...view.drafts, fieldMap: { ...draft, versionHash: patch.versionHash, data: { ...draft.data, mappings: draft.data.mappings.map((m) => byId.get(m.id) ?? m) } } },
  };
}
