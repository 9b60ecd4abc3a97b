import type { JobDefinition } from "./types";
import { systemCheckJob } from "@/lib/system/jobs";

/** Every job the worker runs. A feature adds its definitions here. */
export const jobDefinitions: JobDefinition[] = [systemCheckJob as unknown as JobDefinition];

export function findJob(name: string): JobDefinition | undefined {
  return jobDefinitions.find((j) => j.name === name);
}
