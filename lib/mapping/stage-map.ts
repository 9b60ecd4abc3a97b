/**
 * Pipeline and stage map: each Visual Practice pipeline to a Freshsales pipeline, each stage to
 * a stage (exact, normalised, closest, none), with the probability and forecast category the
 * stage will carry. A "closest" match is a guess and is flagged for review. A pipeline with no
 * counterpart (other than the source's default, which goes to Freshsales' default) is proposed
 * as one to create in Freshsales.
 */
import { z } from "zod";
import { labelSimilarity, normaliseLabel } from "./transforms/choices";

export interface SourcePipeline {
  id: string;
  name: string;
  is_default?: boolean;
  stages: { id: string; name: string; position: number; probability: number | null; is_won: boolean; is_lost: boolean }[];
}

export interface DestinationPipeline {
  id: string | number;
  name: string;
  isDefault?: boolean;
  stages: { id: string | number; name: string; position?: number; probability?: number | null; forecastCategory?: ForecastCategory; isWon?: boolean; isLost?: boolean }[];
}

export const FORECAST_CATEGORIES = ["pipeline", "best_case", "commit", "closed", "omitted"] as const;
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];
export const matchKindSchema = z.enum(["exact", "normalised", "closest", "none"]);
export type MatchKind = z.infer<typeof matchKindSchema>;

const idSchema = z.union([z.string(), z.number()]);
export const stageMappingSchema = z.object({
  sourceStageId: z.string(),
  sourceStageName: z.string(),
  destinationStageId: idSchema.nullable(),
  destinationStageName: z.string().nullable(),
  match: matchKindSchema,
  needsReview: z.boolean(),
  probability: z.number().min(0).max(100).nullable(),
  forecastCategory: z.enum(FORECAST_CATEGORIES),
  reason: z.string(),
});
export const pipelineMappingSchema = z.object({
  sourcePipelineId: z.string(),
  sourcePipelineName: z.string(),
  destinationPipelineId: idSchema.nullable(),
  destinationPipelineName: z.string().nullable(),
  match: matchKindSchema,
  needsReview: z.boolean(),
  stages: z.array(stageMappingSchema),
});
export const stageMapSchema = z.object({ pipelines: z.array(pipelineMappingSchema) });
export type StageMapping = z.infer<typeof stageMappingSchema>;
export type PipelineMapping = z.infer<typeof pipelineMappingSchema>;
export type StageMap = z.infer<typeof stageMapSchema>;

type DestStage = DestinationPipeline["stages"][number];

const WON = /\b(won|win|gewonnen|gagne|ganado|signed)\b/;
const LOST = /\b(lost|gone|verloren|perdu|perdido|dead)\b/;
const isWon = (s: DestStage) => s.isWon ?? WON.test(normaliseLabel(s.name));
const isLost = (s: DestStage) => s.isLost ?? LOST.test(normaliseLabel(s.name));

/** "Closed - Won" and "won" name the same stage; so do "Stage 2: Demo" and "demo". */
function stageKey(name: string): string {
  return normaliseLabel(name).replace(/\b(closed|stage|phase|step)\b/g, " ").replace(/^\s*\d+\s*/, "").replace(/\s+/g, " ").trim();
}

function matchByName<T extends { name: string }>(name: string, options: readonly T[]): { item: T; match: MatchKind; similarity: number } | null {
  const exact = options.find((o) => o.name === name);
  if (exact) return { item: exact, match: "exact", similarity: 1 };
  const norm = options.find((o) => normaliseLabel(o.name) === normaliseLabel(name) || (stageKey(o.name) !== "" && stageKey(o.name) === stageKey(name)));
  if (norm) return { item: norm, match: "normalised", similarity: 1 };
  let best: T | null = null;
  let score = 0;
  for (const o of options) {
    const s = labelSimilarity(name, o.name);
    if (s > score) [best, score] = [o, s];
  }
  return best && score >= 0.5 ? { item: best, match: "closest", similarity: score } : null;
}

function forecastFor(won: boolean, lost: boolean, probability: number | null): ForecastCategory {
  if (won) return "closed";
  if (lost) return "omitted";
  if (probability !== null && probability >= 70) return "commit";
  if (probability !== null && probability >= 40) return "best_case";
  return "pipeline";
}

function mapStage(src: SourcePipeline["stages"][number], dest: DestinationPipeline, srcCount: number): StageMapping {
  const base = { sourceStageId: src.id, sourceStageName: src.name };
  if (dest.stages.length === 0) {
    return { ...base, destinationStageId: null, destinationStageName: null, match: "none", needsReview: true, probability: src.probability, forecastCategory: forecastFor(src.is_won, src.is_lost, src.probability), reason: `pipeline "${dest.name}" has no stages` };
  }
  let hit = matchByName(src.name, dest.stages);
  let why = hit ? `${hit.match} name match` : "";
  // A won or lost stage must land on a won or lost stage whatever its name.
  const outcomeOk = (s: DestStage) => (src.is_won ? isWon(s) : src.is_lost ? isLost(s) : !isWon(s) && !isLost(s));
  if ((!hit || hit.match === "closest") && (src.is_won || src.is_lost)) {
    const outcome = dest.stages.find(outcomeOk);
    if (outcome && (!hit || !outcomeOk(hit.item))) {
      hit = { item: outcome, match: "closest", similarity: 0 };
      why = `closest: the pipeline's ${src.is_won ? "won" : "lost"} stage`;
    }
  }
  if (!hit) {
    const open = dest.stages.filter((s) => !isWon(s) && !isLost(s));
    const pool = open.length > 0 ? open : dest.stages;
    const at = srcCount <= 1 ? 0 : Math.min(1, Math.max(0, src.position / Math.max(1, srcCount - 1)));
    const item = pool[Math.round(at * (pool.length - 1))] ?? pool[0];
    if (item) {
      hit = { item, match: "closest", similarity: 0 };
      why = "closest: no similar name, chosen by position in the pipeline";
    }
  }
  if (!hit) throw new Error("unreachable: destination pipeline has stages");
  const d = hit.item;
  const probability = d.probability ?? src.probability ?? (src.is_won ? 100 : src.is_lost ? 0 : null);
  const forecastCategory = d.forecastCategory ?? forecastFor(isWon(d), isLost(d), probability);
  const review = hit.match === "closest" ? "; flagged for review" : "";
  return { ...base, destinationStageId: d.id, destinationStageName: d.name, match: hit.match, needsReview: hit.match === "closest", probability, forecastCategory, reason: `${why} "${d.name}"${review}` };
}

/**
 * A source pipeline Freshsales has no counterpart for: to be created there by the admin (the
 * API cannot create pipelines), under its own name and with its own stages, rather than folded
 * into another pipeline whose stages mean something else.
 */
export function pipelineToCreate(sp: SourcePipeline): PipelineMapping {
  const ordered = [...sp.stages].sort((a, b) => a.position - b.position);
  return {
    sourcePipelineId: sp.id,
    sourcePipelineName: sp.name,
    destinationPipelineId: null,
    destinationPipelineName: sp.name,
    match: "none",
    needsReview: false,
    stages: ordered.map((s) => ({
      sourceStageId: s.id,
      sourceStageName: s.name,
      destinationStageId: null,
      destinationStageName: s.name,
      match: "none" as const,
      needsReview: false,
      probability: s.probability ?? (s.is_won ? 100 : s.is_lost ? 0 : null),
      forecastCategory: forecastFor(s.is_won, s.is_lost, s.probability),
      reason: `to create in Freshsales with pipeline "${sp.name}"`,
    })),
  };
}

/** True when the pipeline is one the Freshsales admin is to create (see `pipelineToCreate`). */
export const isToCreate = (p: PipelineMapping): boolean => p.destinationPipelineId === null;

export function proposeStageMap(sourcePipelines: SourcePipeline[], destinationPipelines: DestinationPipeline[]): StageMap {
  const fallback = destinationPipelines.find((p) => p.isDefault) ?? destinationPipelines[0];
  return {
    pipelines: sourcePipelines.map((sp) => {
      let hit = matchByName(sp.name, destinationPipelines);
      // Only the source's default pipeline goes to Freshsales' default unasked: both are where deals land by default.
      if (!hit && fallback && sp.is_default) hit = { item: fallback, match: "closest", similarity: 0 };
      if (!hit) return pipelineToCreate(sp);
      const base = { sourcePipelineId: sp.id, sourcePipelineName: sp.name };
      const dest = hit.item;
      const ordered = [...sp.stages].sort((a, b) => a.position - b.position);
      const stages = ordered.map((s, i) => mapStage({ ...s, position: i }, dest, ordered.length));
      return {
        ...base,
        destinationPipelineId: dest.id,
        destinationPipelineName: dest.name,
        match: hit.match,
        needsReview: hit.match === "closest" || stages.some((s) => s.needsReview),
        stages,
      };
    }),
  };
}

/** Destination stage for a deal; a stage from another pipeline (dirty data) finds no entry. */
export function stageFor(map: StageMap, pipelineId: string, stageId: string): StageMapping | null {
  return map.pipelines.find((p) => p.sourcePipelineId === pipelineId)?.stages.find((s) => s.sourceStageId === stageId) ?? null;
}
