import type { JobDefinition } from "@/lib/server/jobs/types";
import { reconcileJob } from "./reconcile-job";
import { sampleJob } from "./sample-job";

/** The verification steps' jobs (sample, reconciliation), for the worker's registry. */
export const verificationJobs: JobDefinition[] = [sampleJob, reconcileJob];
