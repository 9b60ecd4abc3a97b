/**
 * In Freshsales a deal's stage must belong to the deal's pipeline. A stage map can still point a
 * stage at another pipeline's stage (a draft proposed before the admin moved a stage, an edit
 * against an older read of Freshsales): approving it would send, per deal, a pipeline and a stage
 * that do not go together. This names every such stage, by source pipeline and stage.
 */
import { isToCreate, type DestinationPipeline, type StageMap } from "./stage-map";

const same = (a: string | number | null, b: string | number) => a !== null && String(a) === String(b);

export function stagePipelineProblems(map: StageMap, destination: readonly DestinationPipeline[]): string[] {
  const out: string[] = [];
  const ownerOf = (stageId: string | number) => destination.find((d) => d.stages.some((s) => same(stageId, s.id)));
  const stageName = (stageId: string | number) => ownerOf(stageId)?.stages.find((s) => same(stageId, s.id))?.name ?? String(stageId);
  for (const p of map.pipelines) {
    const target = isToCreate(p) ? undefined : destination.find((d) => same(p.destinationPipelineId, d.id));
    if (!isToCreate(p) && !target) {
      out.push(`pipeline "${p.sourcePipelineName}" goes to Freshsales pipeline ${p.destinationPipelineName ?? p.destinationPipelineId}, which Freshsales no longer has: re-propose the map`);
      continue;
    }
    for (const s of p.stages) {
      if (s.destinationStageId === null) continue;
      if (target?.stages.some((d) => same(s.destinationStageId, d.id))) continue;
      const owner = ownerOf(s.destinationStageId);
      const where = owner ? `stage "${stageName(s.destinationStageId)}" of Freshsales pipeline "${owner.name}"` : `Freshsales stage ${s.destinationStageId}, which no pipeline has`;
      const instead = target ? `pipeline "${p.sourcePipelineName}" goes to "${target.name}": choose a stage of "${target.name}"` : `pipeline "${p.sourcePipelineName}" is to be created in Freshsales, with its own stages`;
      out.push(`stage "${p.sourcePipelineName} / ${s.sourceStageName}" goes to ${where}, but ${instead}`);
    }
  }
  return out;
}

/** The pipelines, with their stages, the Freshsales admin must create for the map to land. */
export function pipelinesToCreate(map: StageMap): { sourcePipelineId: string; name: string; stages: string[] }[] {
  return map.pipelines.filter(isToCreate).map((p) => ({
    sourcePipelineId: p.sourcePipelineId,
    name: p.destinationPipelineName ?? p.sourcePipelineName,
    stages: p.stages.map((s) => s.destinationStageName ?? s.sourceStageName),
  }));
}
