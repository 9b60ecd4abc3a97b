import type { Db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";

export class MigrationClosedError extends AppError {
  constructor() {
    super("This migration is live and closed to further writes.", 409, "closed");
  }
}

/** For write paths that run outside a request (jobs): a live migration takes no more writes. */
export async function assertNotClosed(db: Db, migrationId: string): Promise<void> {
  const m = await db.migration.findUnique({ where: { id: migrationId }, select: { closedAt: true } });
  if (!m || m.closedAt) throw new MigrationClosedError();
}
