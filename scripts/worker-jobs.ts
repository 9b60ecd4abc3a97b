import type { PeriodicCheck } from "../lib/server/jobs/worker.ts";
import type { JobDefinition } from "../lib/server/jobs/types.ts";
import { systemCheckJob } from "../lib/system/jobs.ts";
import { extractionJob } from "../lib/extraction/extraction-job.ts";
import { migrationBatchJob, migrationLeafBatchJob, migrationRollbackJob, scheduleBatches } from "../lib/migration/jobs.ts";
import { resumeStalledRuns } from "../lib/migration/watchdog.ts";
import { db } from "../lib/server/db.ts";
import { verificationJobs } from "../lib/verification/jobs.ts";
import { deltaPollJob } from "../lib/cutover/delta/delta-job.ts";
import { dryRunJob } from "../lib/migration/dry-run/jobs.ts";

/**
 * The worker's jobs, composed at the edge: each feature exports its own definitions and
 * checks, and lib/server (the queue, the worker loop) knows none of them.
 */
export const jobDefinitions: JobDefinition[] = [systemCheckJob, extractionJob, migrationBatchJob, migrationLeafBatchJob, migrationRollbackJob, dryRunJob, ...verificationJobs, deltaPollJob];

/**
 * Checks every worker runs now and then, after its orphaned-job sweep: repairs that no job
 * would otherwise make. Each answers what it repaired (logged when not empty).
 */
export const periodicChecks: PeriodicCheck[] = [
  { name: "resume stalled runs", run: () => resumeStalledRuns(db(), scheduleBatches) },
];
