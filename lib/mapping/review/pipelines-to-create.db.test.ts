import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pipelinesToCreate } from "@/lib/mapping/stage-map-validation";
import { db } from "@/lib/server/db";
import { approveDraft } from "./approvals";
import { approveEverything } from "../../../test/support/approve-all";
import { readDrafts, saveDrafts } from "./drafts";
import { runPreflight } from "./preflight";
import { CLOCK_SCALE, createReviewFixture, type ReviewFixture } from "../../../test/support/review";
import { ensureProposed, proposeAll } from "./review-service";
import { getMapReview } from "./review-view";
import { loadSourcePipelines } from "./source-data";

process.env.SANDBOX_CLOCK_SCALE = String(CLOCK_SCALE);

let fx: ReviewFixture;

beforeAll(async () => {
  // A Freshsales with only its default pipeline, where Visual Practice has three.
  fx = await createReviewFixture("pipelines to create", 300, {}, (setup) => ({ ...setup, pipelines: setup.pipelines.slice(0, 1) }));
  await ensureProposed(db(), fx.admin, fx.migrationId);
});
afterAll(async () => {
  await fx?.close();
});

describe("Visual Practice pipelines without a Freshsales counterpart", () => {
  it("are not folded into the default pipeline: the map review and the preflight list each with its stages, for the admin to create", async () => {
    const source = await loadSourcePipelines(db(), fx.migrationId);
    expect(source.length).toBe(3);
    const [, ...missing] = source;
    const expected = missing.map((p) => ({ name: p.name, stages: [...p.stages].sort((a, b) => a.position - b.position).map((s) => s.name) }));

    const view = await getMapReview(db(), fx.organizationId, fx.migrationId);
    expect(pipelinesToCreate(view.drafts.stageMap!.data).map(({ name, stages }) => ({ name, stages }))).toEqual(expected);
    expect(view.drafts.stageMap!.data.pipelines[0]).toMatchObject({ destinationPipelineName: source[0]!.name, match: "exact" });

    await approveEverything(fx.admin, fx.migrationId);
    const result = await runPreflight(db(), fx.admin, fx.migrationId);
    expect(result.passed).toBe(false);
    expect(result.toCreate.pipelines).toEqual(expected);
  });

  it("once the admin has created one, the preflight asks for a re-proposal, which maps its deals onto it", async () => {
    const drafts = await readDrafts(db(), fx.migrationId);
    const [first, second] = pipelinesToCreate(drafts.stageMap!.data);
    fx.emulator.admin.addPipeline({ name: first!.name, stages: first!.stages.map((name) => ({ name })) });
    const result = await runPreflight(db(), fx.admin, fx.migrationId);
    expect(result.problems).toContainEqual(expect.stringContaining(`Freshsales now has the pipeline "${first!.name}"`));
    expect(result.toCreate.pipelines.map((p) => p.name)).toEqual([second!.name]);

    await proposeAll(db(), fx.admin, fx.migrationId);
    const after = (await readDrafts(db(), fx.migrationId)).stageMap!.data;
    const mapped = after.pipelines.find((p) => p.sourcePipelineId === first!.sourcePipelineId)!;
    expect(mapped).toMatchObject({ destinationPipelineName: first!.name, match: "exact" });
    expect(mapped.stages.every((s) => s.destinationStageId !== null)).toBe(true);
    expect(pipelinesToCreate(after).map((p) => p.name)).toEqual([second!.name]);
  });

  it("refuses to approve a stage map that sends a stage of one Freshsales pipeline with another", async () => {
    const draft = (await readDrafts(db(), fx.migrationId)).stageMap!;
    const map = structuredClone(draft.data);
    const other = map.pipelines.find((p) => p.destinationPipelineId !== null && p.match === "exact")!;
    const home = map.pipelines.find((p) => p.destinationPipelineId !== null && p !== other)!;
    const stage = home.stages[0]!;
    // As a draft saved against an older read of Freshsales would hold it.
    Object.assign(stage, { destinationStageId: other.stages[0]!.destinationStageId, destinationStageName: other.stages[0]!.destinationStageName, needsReview: false });
    for (const p of map.pipelines) for (const s of p.stages) s.needsReview = false;
    await saveDrafts(db(), { organizationId: fx.organizationId, migrationId: fx.migrationId, actor: fx.admin, action: "edited" }, { stageMap: map });
    const current = (await readDrafts(db(), fx.migrationId)).stageMap!;
    await expect(approveDraft(db(), fx.admin, fx.migrationId, "stageMap", current.versionHash)).rejects.toThrow(
      `stage "${home.sourcePipelineName} / ${stage.sourceStageName}" goes to stage "${other.stages[0]!.destinationStageName}" of Freshsales pipeline "${other.destinationPipelineName}", but pipeline "${home.sourcePipelineName}" goes to "${home.destinationPipelineName}"`,
    );
    const approvals = await db().approval.findMany({ where: { migrationId: fx.migrationId, kind: "stageMap", versionHash: current.versionHash } });
    expect(approvals).toEqual([]);
  });
});
