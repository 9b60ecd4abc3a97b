/** An admin's changes to the stage map, checked against the destination's pipelines as last read. */
import type { FsPipeline } from "@/lib/connectors/freshsales/metadata";
import { isToCreate } from "@/lib/mapping/stage-map";
import { ValidationError } from "@/lib/server/errors";
import type { StageEdit, StageMapDraft } from "./schemas";

export function applyStageEdits(map: StageMapDraft, edits: StageEdit[], destination: FsPipeline[], by: string): StageMapDraft {
  const next: StageMapDraft = structuredClone(map);
  for (const e of edits) {
    const p = next.pipelines.find((x) => x.sourcePipelineId === e.sourcePipelineId);
    if (!p) throw new ValidationError(`Unknown source pipeline ${e.sourcePipelineId}`);
    if (e.destinationPipelineId === null && e.sourceStageId === undefined && !isToCreate(p)) {
      // No Freshsales pipeline fits: the admin creates one like the source's, which the preflight then lists.
      Object.assign(p, { destinationPipelineId: null, destinationPipelineName: p.sourcePipelineName, match: "none" });
      for (const s of p.stages) {
        Object.assign(s, { destinationStageId: null, destinationStageName: s.sourceStageName, match: "none", needsReview: false, reason: `to create in Freshsales with pipeline "${p.sourcePipelineName}", chosen by ${by}` });
      }
    } else if (e.destinationPipelineId !== undefined && e.destinationPipelineId !== null && e.sourceStageId === undefined) {
      const dest = destination.find((d) => String(d.id) === String(e.destinationPipelineId));
      if (!dest) throw new ValidationError(`Freshsales has no pipeline ${e.destinationPipelineId}`);
      if (String(p.destinationPipelineId) !== String(dest.id)) {
        // Another pipeline: every stage must be chosen again from its stages.
        p.destinationPipelineId = dest.id;
        p.destinationPipelineName = dest.name;
        p.match = "exact";
        for (const s of p.stages) {
          const same = dest.stages.find((d) => d.name.toLowerCase() === s.sourceStageName.toLowerCase());
          Object.assign(s, same
            ? { destinationStageId: same.id, destinationStageName: same.name, match: "exact", needsReview: false, reason: `same name in "${dest.name}", chosen by ${by}` }
            : { destinationStageId: null, destinationStageName: null, match: "none", needsReview: true, reason: `pipeline changed to "${dest.name}" by ${by}: choose a stage` });
        }
      }
    }
    if (e.sourceStageId !== undefined) {
      const s = p.stages.find((x) => x.sourceStageId === e.sourceStageId);
      if (!s) throw new ValidationError(`Unknown stage ${e.sourceStageId} of pipeline "${p.sourcePipelineName}"`);
      const dest = destination.find((d) => String(d.id) === String(p.destinationPipelineId));
      if (e.destinationStageId !== undefined) {
        if (isToCreate(p)) throw new ValidationError(`Pipeline "${p.sourcePipelineName}" is to be created in Freshsales, and its stages with it: choose a Freshsales pipeline for it first`);
        if (e.destinationStageId === null) throw new ValidationError("Every stage needs a Freshsales stage");
        const stage = dest?.stages.find((d) => String(d.id) === String(e.destinationStageId));
        if (!stage) throw new ValidationError(`Pipeline "${p.destinationPipelineName ?? "?"}" has no stage ${e.destinationStageId}`);
        Object.assign(s, { destinationStageId: stage.id, destinationStageName: stage.name, match: "exact", needsReview: false, reason: `"${stage.name}" chosen by ${by}` });
        if (e.probability === undefined && stage.probability !== undefined) s.probability = stage.probability;
      }
      if (e.probability !== undefined) s.probability = e.probability;
      if (e.forecastCategory !== undefined) s.forecastCategory = e.forecastCategory;
      if (e.reviewed === true && s.destinationStageId !== null) {
        s.needsReview = false;
        s.reason = `${s.reason.replace(/; flagged for review$/, "")}; confirmed by ${by}`;
      }
    }
    p.needsReview = !isToCreate(p) && p.stages.some((s) => s.needsReview);
  }
  return next;
}
