import type { Db } from "@/lib/server/db";
import { systemCheckJob } from "./jobs";

/** The organisation's latest worker checks, newest first. */
export async function recentSystemChecks(db: Db, organizationId: string, take = 5) {
  return db.backgroundTask.findMany({ where: { organizationId, kind: systemCheckJob.name }, orderBy: { createdAt: "desc" }, take });
}
