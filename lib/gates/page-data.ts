import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireOrgUserPage } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";
import { getMigrationOrThrow } from "./data";

/** For pages: the signed-in user's migration, or the 404 page (also for another org's id). */
export const loadMigrationForPage = cache(async (migrationId: string) => {
  const user = await requireOrgUserPage();
  try {
    const migration = await getMigrationOrThrow(db(), user.organizationId, migrationId);
    return { user, migration };
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
});
