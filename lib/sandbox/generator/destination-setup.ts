import type { GeneratorConfig } from "./config";
import { Dataset } from "./dataset";
import { pipelineTemplate, RENAMED_STAGE } from "./pipelines";

export interface DestinationSetup {
  users: { email: string; display_name: string; is_active: boolean }[];
  pipelines: { name: string; is_default?: boolean; stages: { name: string; probability?: number; forecast_type?: string }[] }[];
  fields: never[];
  records?: { contacts?: { first_name: string; last_name: string; email: string; job_title?: string }[] };
}

/**
 * The Freshsales emulator's admin "load" body for the demo: every clean source user (not the
 * inactive or unmatched ones), the source pipelines with one stage spelled differently, no
 * custom fields (the admin creates them from the spec), and a destination contact for each
 * `exists_in_destination` source contact.
 */
export function destinationSetup(source: GeneratorConfig | Dataset): DestinationSetup {
  const ds = source instanceof Dataset ? source : new Dataset(source);
  const users = Array.from(ds.cleanIndices("users"), (i) => {
    const u = ds.record("users", i);
    return { email: String(u.email), display_name: `${String(u.first_name)} ${String(u.last_name)}`, is_active: true };
  });
  const pipelines = Array.from({ length: ds.count("pipelines") }, (_, p) => {
    const template = pipelineTemplate(p);
    return {
      name: template.name,
      ...(p === 0 ? { is_default: true } : {}),
      stages: template.stages.map((stage, k) => ({
        name: p === RENAMED_STAGE.pipeline && k === RENAMED_STAGE.position ? RENAMED_STAGE.destinationName : stage.name,
        ...(stage.probability === null ? {} : { probability: stage.probability }),
        forecast_type: stage.forecast,
      })),
    };
  });
  const contacts = Array.from(ds.indicesWithCase("contacts", "exists_in_destination"), (i) => {
    const c = ds.record("contacts", i);
    return { first_name: String(c.first_name), last_name: String(c.last_name), email: String(c.email), job_title: "Imported earlier" };
  });
  return { users, pipelines, fields: [], ...(contacts.length > 0 ? { records: { contacts } } : {}) };
}
