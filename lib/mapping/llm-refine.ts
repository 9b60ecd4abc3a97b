/**
 * Optional language-model second opinion on low-confidence proposals, through any
 * OpenAI-compatible `/chat/completions` endpoint. Off unless configured. It may only touch
 * proposals below the threshold that nobody has reviewed, and may only move one within the
 * candidates the engine found (its current field and runners-up, a new field, or leaving it
 * out); the prompt carries the engine's evidence from the values. Every answer is validated
 * with zod and against the destination schema, and anything that does not check out is
 * ignored. Values of fields flagged sensitive are never sent.
 */
import { z } from "zod";
import type { FieldProfile } from "@/lib/inventory/types";
import { describeValues } from "./field-evidence";
import { customFieldName } from "./propose-field-map";
import { type DestinationField, type FieldMapping, type MappingDecision, transformSpecSchema } from "./schemas";
import { transformFor } from "./transform-for";
import { type EvidenceContext, valueEvidence } from "./value-evidence";

export interface LlmConfig {
  baseUrl: string;
  apiKey: string;
  model: string;
  /**
   * Only proposals below this confidence are sent (default 0.9: the engine's quality test
   * allows no wrong proposal at 0.9 or above, so everything below is fair game for a second look).
   */
  threshold?: number;
  timeoutMs?: number;
}

/** Highest confidence a model answer may carry: below rule matches, so a person still looks. */
export const LLM_MAX_CONFIDENCE = 0.85;

/** Reads MAPPING_LLM_BASE_URL / _API_KEY / _MODEL; null (refinement off) unless all three are set. */
export function llmConfigFromEnv(env: Record<string, string | undefined>): LlmConfig | null {
  const baseUrl = env.MAPPING_LLM_BASE_URL?.trim();
  const apiKey = env.MAPPING_LLM_API_KEY?.trim();
  const model = env.MAPPING_LLM_MODEL?.trim();
  return baseUrl && apiKey && model ? { baseUrl, apiKey, model } : null;
}

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

const answerSchema = z.object({
  id: z.string(),
  action: z.enum(["map", "create_custom_field", "do_not_migrate"]),
  field: z.string().optional(),
  confidence: z.number().min(0).max(1),
  reason: z.string().min(1).max(300),
});
const answersSchema = z.object({ answers: z.array(z.unknown()) });

export interface RefineResult {
  mappings: FieldMapping[];
  adjusted: string[];
  ignored: { id: string; why: string }[];
}

const SYSTEM_PROMPT = [
  "You map CRM fields from Visual Practice to Freshsales.",
  'Answer only with JSON: {"answers":[{"id":...,"action":"map"|"create_custom_field"|"do_not_migrate","field":<destination field name when action is map>,"confidence":0..1,"reason":<one line>}]}.',
  "A field may only be mapped to one of its own candidates (the engine's current field and runners-up); otherwise answer create_custom_field or do_not_migrate.",
  "Weigh the evidence given per field: it comes from the values (user emails, company or stage names, currency codes, dates).",
].join(" ");

function summary(d: MappingDecision): string {
  return d.kind === "field" ? `map to ${d.field}` : d.kind === "create_custom_field" ? `create ${d.spec.name}` : d.kind === "system" ? "system" : "do not migrate";
}

/** The destination fields the engine found for a mapping: the only ones the model may move it to. */
export function candidateFields(m: FieldMapping): string[] {
  return [...new Set([...(m.decision.kind === "field" ? [m.decision.field] : []), ...m.alternatives.map((a) => a.field)])];
}

function question(m: FieldMapping, profile: FieldProfile | undefined, evidence: EvidenceContext) {
  // Health data stays home: a sensitive field is described by its name and type only.
  const open = profile && !profile.sensitive;
  return {
    id: m.id,
    source: { object: m.source.object, path: m.source.path, label: m.source.label, type: profile?.inferredType, fillRate: profile?.fillRate },
    samples: open ? profile.samples.slice(0, 3) : [],
    evidence: open ? [describeValues(profile), ...valueEvidence(profile, m.entity, evidence).map((e) => e.note)] : [],
    current: { proposal: summary(m.decision), confidence: m.confidence, reason: open ? m.reason : undefined },
    candidates: m.alternatives.concat(m.decision.kind === "field" ? [{ field: m.decision.field, confidence: m.confidence }] : []),
    entity: m.entity,
  };
}

function candidates(entities: Set<string>, destination: DestinationField[]) {
  const out: Record<string, { name: string; label: string; type: string }[]> = {};
  for (const f of destination) {
    if (entities.has(f.entity) && f.type !== "lookup") (out[f.entity] ??= []).push({ name: f.name, label: f.label, type: f.type });
  }
  return out;
}

/** Fields per request: keeps prompts small enough for modest models. */
const BATCH = 40;

async function ask(config: LlmConfig, content: string, fetchImpl: typeof fetch): Promise<unknown[]> {
  const res = await fetchImpl(`${config.baseUrl.replace(/\/+$/, "")}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${config.apiKey}` },
    body: JSON.stringify({
      model: config.model,
      temperature: 0,
      response_format: { type: "json_object" },
      messages: [
        { role: "system", content: SYSTEM_PROMPT },
        { role: "user", content },
      ],
    }),
    signal: AbortSignal.timeout(config.timeoutMs ?? 30_000),
  });
  if (!res.ok) throw new Error(`model endpoint answered ${res.status}`);
  const completion = completionSchema.parse(await res.json());
  return answersSchema.parse(JSON.parse(completion.choices[0]?.message.content ?? "")).answers;
}

export async function refineWithLlm(
  mappings: FieldMapping[],
  profiles: FieldProfile[],
  destination: DestinationField[],
  config: LlmConfig | null,
  fetchImpl: typeof fetch = fetch,
  evidence: EvidenceContext = {},
): Promise<RefineResult> {
  if (!config) return { mappings, adjusted: [], ignored: [] };
  const threshold = config.threshold ?? 0.9;
  const asked = mappings.filter((m) => m.status === "proposed" && m.decision.kind !== "system" && m.confidence < threshold);
  if (asked.length === 0) return { mappings, adjusted: [], ignored: [] };
  const profileOf = new Map(profiles.map((p) => [`${p.object}.${p.path}`, p]));
  const answers: unknown[] = [];
  const ignored: RefineResult["ignored"] = [];
  for (let i = 0; i < asked.length; i += BATCH) {
    const batch = asked.slice(i, i + BATCH);
    const content = JSON.stringify({
      fields: batch.map((m) => question(m, profileOf.get(`${m.source.object}.${m.source.path}`), evidence)),
      destinationFields: candidates(new Set(batch.map((m) => m.entity)), destination),
    });
    try {
      answers.push(...(await ask(config, content, fetchImpl)));
    } catch (e) {
      // A failed batch changes nothing; the rules' proposals stand.
      const why = e instanceof Error && e.message.startsWith("model endpoint") ? e.message : "unusable model answer";
      ignored.push(...batch.map((m) => ({ id: m.id, why })));
    }
  }

  const askedIds = new Set(asked.map((m) => m.id));
  const taken = new Set(mappings.filter((m) => m.decision.kind === "field" && m.status !== "rejected").map((m) => `${m.entity}:${(m.decision as { field: string }).field}`));
  const names = new Set(destination.map((f) => f.name));
  const updates = new Map<string, FieldMapping>();
  for (const raw of answers) {
    const parsed = answerSchema.safeParse(raw);
    if (!parsed.success) {
      ignored.push({ id: typeof (raw as { id?: unknown })?.id === "string" ? (raw as { id: string }).id : "?", why: "answer does not match the schema" });
      continue;
    }
    const a = parsed.data;
    const m = mappings.find((x) => x.id === a.id);
    const profile = m && profileOf.get(`${m.source.object}.${m.source.path}`);
    if (!m || !askedIds.has(a.id) || !profile) {
      ignored.push({ id: a.id, why: "not a field the model was asked about" });
      continue;
    }
    let decision: MappingDecision;
    let transform = m.transform;
    if (a.action === "map") {
      const field = destination.find((f) => f.entity === m.entity && f.name === a.field && f.type !== "lookup");
      if (!field) {
        ignored.push({ id: a.id, why: `no ${m.entity} field named ${JSON.stringify(a.field)}` });
        continue;
      }
      if (!candidateFields(m).includes(field.name)) {
        ignored.push({ id: a.id, why: `${field.name} is not among the engine's candidates` });
        continue;
      }
      const already = m.decision.kind === "field" && m.decision.field === field.name;
      if (!already && taken.has(`${m.entity}:${field.name}`)) {
        ignored.push({ id: a.id, why: `${field.name} already receives another field` });
        continue;
      }
      taken.add(`${m.entity}:${field.name}`);
      decision = { kind: "field", field: field.name };
      transform = transformSpecSchema.parse(transformFor(profile, field));
    } else if (a.action === "create_custom_field") {
      if (m.decision.kind === "create_custom_field") decision = m.decision;
      else {
        const type = profile.typeConfidence < 0.8 ? "text" : profile.inferredType;
        decision = { kind: "create_custom_field", spec: { name: customFieldName(profile.key, names), label: profile.label, type } };
        transform = transformSpecSchema.parse(transformFor(profile, { name: decision.spec.name, type }));
      }
    } else decision = { kind: "do_not_migrate" };
    updates.set(m.id, {
      ...m,
      decision,
      transform,
      confidence: Math.min(LLM_MAX_CONFIDENCE, a.confidence),
      reason: `model: ${a.reason} (rules proposed: ${summary(m.decision)} @${m.confidence})`,
      proposedBy: "llm",
    });
  }
  return { mappings: mappings.map((m) => updates.get(m.id) ?? m), adjusted: [...updates.keys()], ignored };
}
