import { describe, expect, it } from "vitest";
import { proposeStageMap, type DestinationPipeline, type SourcePipeline, type StageMap } from "./stage-map";
import { pipelinesToCreate, stagePipelineProblems } from "./stage-map-validation";

const st = (id: string, name: string, position: number) => ({ id, name, position, probability: null, is_won: false, is_lost: false });
const source: SourcePipeline[] = [
  { id: "p1", name: "Patient intake", is_default: true, stages: [st("s1", "Enquiry", 0), st("s2", "Booked", 1)] },
  { id: "p2", name: "Referrals", stages: [st("r1", "Received", 0), st("r2", "Seen", 1)] },
];
const destination: DestinationPipeline[] = [
  { id: 1, name: "Patient intake", isDefault: true, stages: [{ id: 11, name: "Enquiry" }, { id: 12, name: "Booked" }] },
  { id: 2, name: "Dental plans", stages: [{ id: 21, name: "Received" }] },
];
const proposed = () => proposeStageMap(source, destination);

/** The stage map with one stage pointed elsewhere, as a stale draft or hand-made request would. */
function pointing(map: StageMap, pipelineId: string, stageId: string, destinationStageId: number, name: string): StageMap {
  const next = structuredClone(map);
  Object.assign(next.pipelines.find((p) => p.sourcePipelineId === pipelineId)!.stages.find((s) => s.sourceStageId === stageId)!, { destinationStageId, destinationStageName: name });
  return next;
}

describe("stagePipelineProblems", () => {
  it("passes a proposed map, whose stages all belong to their pipeline's target or are to be created with it", () => {
    expect(stagePipelineProblems(proposed(), destination)).toEqual([]);
  });

  it("names the source pipeline and stage of a stage that belongs to another Freshsales pipeline", () => {
    const bad = pointing(proposed(), "p1", "s2", 21, "Received");
    expect(stagePipelineProblems(bad, destination)).toEqual([
      'stage "Patient intake / Booked" goes to stage "Received" of Freshsales pipeline "Dental plans", but pipeline "Patient intake" goes to "Patient intake": choose a stage of "Patient intake"',
    ]);
  });

  it("refuses a stage given to a pipeline that is to be created, a stage no pipeline has, and a target pipeline that is gone", () => {
    const toCreate = pointing(proposed(), "p2", "r1", 21, "Received");
    expect(stagePipelineProblems(toCreate, destination)).toEqual([expect.stringMatching(/^stage "Referrals \/ Received" goes to stage "Received" of Freshsales pipeline "Dental plans", but pipeline "Referrals" is to be created in Freshsales/)]);
    expect(stagePipelineProblems(pointing(proposed(), "p1", "s1", 99, "?"), destination)).toEqual([expect.stringContaining("Freshsales stage 99, which no pipeline has")]);
    expect(stagePipelineProblems(proposed(), destination.slice(1))).toEqual([expect.stringContaining('pipeline "Patient intake" goes to Freshsales pipeline Patient intake, which Freshsales no longer has')]);
  });
});

describe("pipelinesToCreate", () => {
  it("lists each source pipeline with no counterpart, with its stages in order", () => {
    expect(pipelinesToCreate(proposed())).toEqual([{ sourcePipelineId: "p2", name: "Referrals", stages: ["Received", "Seen"] }]);
  });
});
