"use server";

import { revalidatePath } from "next/cache";
import { appendAudit } from "@/lib/audit/audit-log";
import { adminActionClient, memberActionClient } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { getMigrationOrThrow } from "./data";
import { createMigrationInput, renameMigrationInput } from "./schemas";

export const createMigrationAction = adminActionClient
  .metadata({ name: "createMigration" })
  .inputSchema(createMigrationInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    const migration = await db().$transaction(async (tx) => {
      const created = await tx.migration.create({
        data: { ...parsedInput, organizationId: user.organizationId, createdById: user.id },
      });
      await appendAudit(tx, {
        organizationId: user.organizationId,
        migrationId: created.id,
        actor: user,
        action: "migration.created",
        detail: { name: created.name },
      });
      return created;
    });
    revalidatePath("/migrations");
    return { id: migration.id };
  });

export const renameMigrationAction = memberActionClient
  .metadata({ name: "renameMigration" })
  .inputSchema(renameMigrationInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    await getMigrationOrThrow(db(), user.organizationId, parsedInput.migrationId);
    await db().migration.update({
      where: { id: parsedInput.migrationId, organizationId: user.organizationId },
      data: { name: parsedInput.name },
    });
    await appendAudit(db(), {
      organizationId: user.organizationId,
      migrationId: parsedInput.migrationId,
      actor: user,
      action: "migration.renamed",
      detail: { name: parsedInput.name },
    });
    revalidatePath(`/migrations/${parsedInput.migrationId}`);
    return { ok: true };
  });
