import { describe, expect, it } from "vitest";
import { type DestinationPipeline, type SourcePipeline, isToCreate, proposeStageMap, stageFor, stageMapSchema } from "./stage-map";

const st = (id: string, name: string, position: number, probability: number | null, flags: { won?: boolean; lost?: boolean } = {}) => ({
  id, name, position, probability, is_won: flags.won ?? false, is_lost: flags.lost ?? false,
});

const source: SourcePipeline[] = [
  {
    id: "p1",
    name: "New patients",
    is_default: true,
    stages: [
      st("s1", "Enquiry", 0, 10),
      st("s2", "consultation booked", 1, 40),
      st("s3", "Treatment Plan Sent", 2, 70),
      st("s4", "Signed", 3, 100, { won: true }),
      st("s5", "Did not proceed", 4, 0, { lost: true }),
    ],
  },
  { id: "p2", name: "Corporate wellness", stages: [st("c1", "Prospecting", 0, null)] },
];

const destination: DestinationPipeline[] = [
  {
    id: 101,
    name: "New Patients",
    isDefault: true,
    stages: [
      { id: 1, name: "Enquiry", probability: 10 },
      { id: 2, name: "Consultation Booked", probability: 30, forecastCategory: "pipeline" },
      { id: 3, name: "Treatment plan", probability: 60 },
      { id: 4, name: "Closed Won", probability: 100 },
      { id: 5, name: "Closed Lost", probability: 0 },
    ],
  },
  { id: 102, name: "Empty", stages: [] },
];

describe("proposeStageMap", () => {
  const map = proposeStageMap(source, destination);
  const p1 = map.pipelines[0];

  it("matches pipelines and stages exactly, by normalised name, or flags the closest", () => {
    expect(p1).toMatchObject({ destinationPipelineId: 101, match: "normalised" });
    const kinds = p1?.stages.map((s) => [s.sourceStageName, s.destinationStageName, s.match, s.needsReview]);
    expect(kinds).toEqual([
      ["Enquiry", "Enquiry", "exact", false],
      ["consultation booked", "Consultation Booked", "normalised", false],
      ["Treatment Plan Sent", "Treatment plan", "closest", true],
      ["Signed", "Closed Won", "closest", true],
      ["Did not proceed", "Closed Lost", "closest", true],
    ]);
    expect(p1?.needsReview).toBe(true);
  });

  it("takes probability and forecast category from the Freshsales stage, deriving what it lacks", () => {
    const byName = new Map(p1?.stages.map((s) => [s.sourceStageName, s]));
    expect(byName.get("consultation booked")).toMatchObject({ probability: 30, forecastCategory: "pipeline" });
    expect(byName.get("Treatment Plan Sent")).toMatchObject({ probability: 60, forecastCategory: "best_case" });
    expect(byName.get("Signed")).toMatchObject({ probability: 100, forecastCategory: "closed" });
    expect(byName.get("Did not proceed")).toMatchObject({ probability: 0, forecastCategory: "omitted" });
  });

  it("proposes an unmatched pipeline for the Freshsales admin to create, with its own stages, instead of folding it into the default", () => {
    expect(map.pipelines[1]).toEqual({
      sourcePipelineId: "p2", sourcePipelineName: "Corporate wellness", destinationPipelineId: null, destinationPipelineName: "Corporate wellness", match: "none", needsReview: false,
      stages: [expect.objectContaining({ sourceStageId: "c1", destinationStageId: null, destinationStageName: "Prospecting", needsReview: false, reason: 'to create in Freshsales with pipeline "Corporate wellness"' })],
    });
    expect(isToCreate(map.pipelines[1]!)).toBe(true);
    expect(isToCreate(p1!)).toBe(false);
  });

  it("sends only the source's default pipeline to Freshsales' default when no name matches, and flags a pipeline without stages", () => {
    const renamed = proposeStageMap([{ ...source[0]!, name: "Main" }], destination);
    expect(renamed.pipelines[0]).toMatchObject({ destinationPipelineId: 101, match: "closest", needsReview: true });
    const none = proposeStageMap(source.slice(1), [destination[1] as DestinationPipeline]);
    expect(none.pipelines[0]).toMatchObject({ destinationPipelineId: null, match: "none" });
    const empty = proposeStageMap([{ ...source[1]!, name: "Empty" }], [destination[1] as DestinationPipeline]);
    expect(empty.pipelines[0]?.stages[0]).toMatchObject({ match: "none", destinationStageId: null, needsReview: true });
    expect(proposeStageMap(source, []).pipelines.map((p) => p.destinationPipelineId)).toEqual([null, null]);
  });

  it("looks up a deal's stage and finds nothing for a stage of another pipeline", () => {
    expect(stageFor(map, "p1", "s2")?.destinationStageId).toBe(2);
    expect(stageFor(map, "p1", "c1")).toBeNull();
    expect(stageMapSchema.safeParse(map).success).toBe(true);
  });
});
