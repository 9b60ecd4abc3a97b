/**
 * The evidence context for a proposal, from what the Map step already loads: the source users'
 * emails, its pipelines and stages, and the company names the inventory profiled (the `name`
 * field's most frequent values and samples: enough to recognise a column of them).
 */
import type { FieldProfile } from "@/lib/inventory/types";
import type { SourceUser } from "./owner-resolution";
import type { SourcePipeline } from "./stage-map";
import type { EvidenceContext } from "./value-evidence";

export function evidenceContext(profiles: FieldProfile[], users: SourceUser[], pipelines: SourcePipeline[], today?: string): EvidenceContext {
  const companyName = profiles.find((p) => p.object === "company" && p.path === "name");
  const companyNames = companyName ? [...new Set([...companyName.topValues.map((v) => v.value), ...companyName.samples])] : [];
  return {
    userEmails: users.flatMap((u) => (u.email ? [u.email] : [])),
    companyNames,
    pipelineNames: pipelines.map((p) => p.name),
    stageNames: pipelines.flatMap((p) => p.stages.map((s) => s.name)),
    ...(today ? { today } : {}),
  };
}
