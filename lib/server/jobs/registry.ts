import type { JobDefinition } from "./types";
import { systemCheckJob } from "@/lib/system/jobs";
import { extractionJob } from "@/lib/extraction/extraction-job";
import { migrationBatchJob, migrationRollbackJob, scheduleBatches } from "@/lib/migration/jobs";
import { resumeStalledRuns } from "@/lib/migration/watchdog";
import { db } from "@/lib/server/db";
import { verificationJobs } from "@/lib/verification/jobs";

/** Every job the worker runs. A feature adds its definitions here. */
export const jobDefinitions: JobDefinition[] = [systemCheckJob as unknown as JobDefinition, extractionJob as unknown as JobDefinition, migrationBatchJob as unknown as JobDefinition, migrationRollbackJob as unknown as JobDefinition, ...verificationJobs];

export function findJob(name: string): JobDefinition | undefined {
  return jobDefinitions.find((j) => j.name === name);
}

/**
 * Checks every worker runs now and then, after its orphaned-job sweep: repairs that no job
 * would otherwise make. Each answers what it repaired (logged when not empty).
 */
export const periodicChecks: { name: string; run: () => Promise<string[]> }[] = [
  { name: "resume stalled runs", run: () => resumeStalledRuns(db(), scheduleBatches) },
];
