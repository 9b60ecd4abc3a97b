import { describe, expect, it } from "vitest";
import type { FsPipeline } from "@/lib/connectors/freshsales/metadata";
import { proposeStageMap } from "@/lib/mapping/stage-map";
import { applyStageEdits } from "./stage-edits";

const dest: FsPipeline[] = [
  { id: 1, name: "Patient intake", isDefault: true, stages: [
    { id: 11, name: "Referral received", position: 1, probability: 10, forecastType: "Open" },
    { id: 12, name: "Initial Assessment Done", position: 2, probability: 30, forecastType: "Open" },
    { id: 13, name: "Won", position: 3, probability: 100, forecastType: "Won" },
  ] },
  { id: 2, name: "Referrals", isDefault: false, stages: [{ id: 21, name: "Referral received", position: 1, probability: 20, forecastType: "Open" }] },
];
const map = proposeStageMap(
  [{ id: "p1", name: "Patient intake", stages: [
    { id: "s1", name: "Referral received", position: 0, probability: 10, is_won: false, is_lost: false },
    { id: "s2", name: "Initial assessment", position: 1, probability: 30, is_won: false, is_lost: false },
  ] }],
  dest.map((p) => ({ id: p.id, name: p.name, isDefault: p.isDefault, stages: p.stages.map((s) => ({ id: s.id, name: s.name, probability: s.probability ?? null })) })),
);

describe("stage map edits", () => {
  it("confirms a closest match, and the pipeline needs no more review", () => {
    expect(map.pipelines[0]?.stages[1]).toMatchObject({ match: "closest", needsReview: true });
    const next = applyStageEdits(map, [{ sourcePipelineId: "p1", sourceStageId: "s2", reviewed: true }], dest, "ann@example.com");
    expect(next.pipelines[0]?.stages[1]).toMatchObject({ destinationStageId: 12, needsReview: false, reason: expect.stringContaining("confirmed by ann@example.com") });
    expect(next.pipelines[0]?.needsReview).toBe(false);
    expect(map.pipelines[0]?.stages[1]?.needsReview).toBe(true);
  });

  it("takes another stage with its probability, and refuses a stage of another pipeline", () => {
    const next = applyStageEdits(map, [{ sourcePipelineId: "p1", sourceStageId: "s2", destinationStageId: 11 }], dest, "ann@example.com");
    expect(next.pipelines[0]?.stages[1]).toMatchObject({ destinationStageName: "Referral received", probability: 10, match: "exact" });
    expect(() => applyStageEdits(map, [{ sourcePipelineId: "p1", sourceStageId: "s2", destinationStageId: 21 }], dest, "x")).toThrow(/has no stage 21/);
  });

  it("moving to another pipeline re-matches stages by name and asks for the rest", () => {
    const next = applyStageEdits(map, [{ sourcePipelineId: "p1", destinationPipelineId: 2 }], dest, "ann@example.com");
    expect(next.pipelines[0]?.stages.map((s) => [s.destinationStageId, s.needsReview])).toEqual([[21, false], [null, true]]);
  });

  it("sends a pipeline to be created in Freshsales with its source stages, and refuses a stage chosen for it", () => {
    const next = applyStageEdits(map, [{ sourcePipelineId: "p1", destinationPipelineId: null }], dest, "ann@example.com");
    expect(next.pipelines[0]).toMatchObject({ destinationPipelineId: null, destinationPipelineName: "Patient intake", needsReview: false });
    expect(next.pipelines[0]?.stages.map((s) => [s.destinationStageId, s.destinationStageName, s.needsReview])).toEqual([[null, "Referral received", false], [null, "Initial assessment", false]]);
    expect(() => applyStageEdits(next, [{ sourcePipelineId: "p1", sourceStageId: "s1", destinationStageId: 11 }], dest, "x")).toThrow(/is to be created in Freshsales/);
    const back = applyStageEdits(next, [{ sourcePipelineId: "p1", destinationPipelineId: 1 }], dest, "ann@example.com");
    expect(back.pipelines[0]?.stages.map((s) => s.destinationStageId)).toEqual([11, null]);
  });
});
