import { z } from "zod";

export const startExtractionInput = z.object({
  migrationId: z.string().min(1),
  /** "resume" continues the latest interrupted run from its checkpoints; "new" extracts again. */
  mode: z.enum(["new", "resume"]).default("new"),
});
export type StartExtractionInput = z.infer<typeof startExtractionInput>;

export const problemsQuery = z.object({
  collection: z.string().max(40).optional(),
  /** Keyset cursor: problems with a larger id. */
  after: z.coerce.bigint().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
