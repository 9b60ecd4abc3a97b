import type { JsonObject } from "./json";
import { stageId } from "./ids";

interface StageTemplate {
  name: string;
  probability: number | null;
  is_won?: boolean;
  is_lost?: boolean;
  forecast: "Open" | "Best case" | "Commit" | "Won" | "Lost";
}

const TEMPLATES: readonly { name: string; stages: readonly StageTemplate[] }[] = [
  { name: "Patient intake", stages: [
    { name: "New inquiry", probability: 10, forecast: "Open" },
    { name: "Intake call booked", probability: 25, forecast: "Open" },
    { name: "Initial assessment", probability: 50, forecast: "Best case" },
    { name: "Treatment plan accepted", probability: 80, forecast: "Commit" },
    { name: "Patient onboarded", probability: 100, is_won: true, forecast: "Won" },
    { name: "Did not proceed", probability: 0, is_lost: true, forecast: "Lost" },
  ] },
  { name: "Referrals", stages: [
    { name: "Referral received", probability: 10, forecast: "Open" },
    { name: "Contacted", probability: 30, forecast: "Open" },
    { name: "Appointment booked", probability: 60, forecast: "Best case" },
    { name: "Converted", probability: 100, is_won: true, forecast: "Won" },
    { name: "Declined", probability: 0, is_lost: true, forecast: "Lost" },
  ] },
  { name: "Corporate wellness", stages: [
    { name: "Prospect", probability: null, forecast: "Open" },
    { name: "Proposal sent", probability: 40, forecast: "Best case" },
    { name: "Negotiation", probability: 70, forecast: "Commit" },
    { name: "Contract signed", probability: 100, is_won: true, forecast: "Won" },
    { name: "Lost", probability: 0, is_lost: true, forecast: "Lost" },
  ] },
];

/** The destination spells this one stage differently, so the stage map needs a closest match. */
export const RENAMED_STAGE = { pipeline: 0, position: 2, destinationName: "Initial Assessment Done" };

export function pipelineTemplate(index: number): { name: string; stages: readonly StageTemplate[] } {
  const base = TEMPLATES[index % TEMPLATES.length] ?? TEMPLATES[0];
  if (!base) throw new Error("no pipeline templates");
  return index < TEMPLATES.length ? base : { ...base, name: `${base.name} ${Math.floor(index / TEMPLATES.length) + 1}` };
}

export function stagesOf(pipelineIndex: number): (JsonObject & { id: string; is_won: boolean; is_lost: boolean })[] {
  return pipelineTemplate(pipelineIndex).stages.map((stage, position) => ({
    id: stageId(pipelineIndex, position + 1),
    name: stage.name,
    position: position + 1,
    probability: stage.probability,
    is_won: stage.is_won ?? false,
    is_lost: stage.is_lost ?? false,
  }));
}

export function pipelineFields(index: number): JsonObject {
  return { name: pipelineTemplate(index).name, is_default: index === 0, stages: stagesOf(index) };
}
