import type { z } from "zod";
import type { Logger } from "pino";

/** A declared job: a name, a payload schema, and an idempotent handler. */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  schema: S;
  /** Attempts before the job is failed for good (pg-boss retries with backoff). */
  retryLimit?: number;
  /** Jobs a worker runs at once for this queue. */
  concurrency?: number;
  // Method syntax on purpose: a job of a narrower schema then fits a list of jobs of any schema
  // (the worker parses each payload with the job's own schema before calling its handler).
  handler(payload: z.infer<S>, ctx: JobContext): Promise<void>;
}

export interface JobContext {
  jobId: string;
  log: Logger;
}

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}
