import type { JobDefinition } from "./types";
import { systemCheckJob } from "@/lib/system/jobs";
import { extractionJob } from "@/lib/extraction/extraction-job";
import { migrationBatchJob, migrationRollbackJob } from "@/lib/migration/jobs";
import { verificationJobs } from "@/lib/verification/jobs";

/** Every job the worker runs. A feature adds its definitions here. */
export const jobDefinitions: JobDefinition[] = [systemCheckJob as unknown as JobDefinition, extractionJob as unknown as JobDefinition, migrationBatchJob as unknown as JobDefinition, migrationRollbackJob as unknown as JobDefinition, ...verificationJobs];

export function findJob(name: string): JobDefinition | undefined {
  return jobDefinitions.find((j) => j.name === name);
}
