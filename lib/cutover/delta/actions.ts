"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { openDestination } from "@/lib/connections/open-clients";
import { attachmentStore } from "@/lib/connections/file-store";
import { attachmentKey } from "@/lib/extraction/copy-attachments";
import { loadApprovedMapping, toApprovedMapping } from "@/lib/mapping/review/approved";
import { adminActionClient } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { enqueue } from "@/lib/server/jobs/enqueue";
import { decideConflict, decideConflictsInBulk, type DecideDeps } from "./conflicts";
import { decideDeletion } from "./deletions";
import { restoreDeletion } from "./restore-deletion";
import { deltaPollJob } from "./delta-job";
import { endDeltaWindow, extendDeltaWindow, openDeltaWindow } from "./delta-window";

const refresh = (id: string) => revalidatePath(`/migrations/${id}`, "layout");

export const openDeltaWindowAction = adminActionClient
  .metadata({ name: "openDeltaWindow" })
  .inputSchema(
    z.object({
      migrationId: z.string().min(1),
      windowHours: z.coerce.number().positive("The window lasts more than 0 hours").max(720, "At most 720 hours (30 days)"),
      intervalSeconds: z.coerce.number().int().min(1).max(86_400).default(300),
    }),
  )
  .action(async ({ parsedInput, ctx: { user } }) => {
    const { runId } = await openDeltaWindow(db(), user, parsedInput.migrationId, parsedInput);
    await enqueue(deltaPollJob, { runId, organizationId: user.organizationId, migrationId: parsedInput.migrationId });
    refresh(parsedInput.migrationId);
    return { runId };
  });

export const endDeltaWindowAction = adminActionClient
  .metadata({ name: "endDeltaWindow" })
  .inputSchema(z.object({ migrationId: z.string().min(1) }))
  .action(async ({ parsedInput, ctx: { user } }) => {
    const result = await endDeltaWindow(db(), user, parsedInput.migrationId);
    refresh(parsedInput.migrationId);
    return result;
  });

export const extendDeltaWindowAction = adminActionClient
  .metadata({ name: "extendDeltaWindow" })
  .inputSchema(z.object({ migrationId: z.string().min(1), hours: z.coerce.number().positive("Extend by more than 0 hours").max(720, "At most 720 hours (30 days)") }))
  .action(async ({ parsedInput, ctx: { user } }) => {
    const result = await extendDeltaWindow(db(), user, parsedInput.migrationId, parsedInput.hours);
    refresh(parsedInput.migrationId);
    return result;
  });

/** Runs `fn` with the destination connection and approved map only when a source value will be written. */
async function withWriter<T>(organizationId: string, migrationId: string, needed: boolean, fn: (deps: DecideDeps) => Promise<T>): Promise<T> {
  if (!needed) return fn({ db: db() });
  const destination = await openDestination(db(), organizationId, migrationId);
  try {
    const mapping = toApprovedMapping(await loadApprovedMapping(db(), organizationId, migrationId));
    return await fn({ db: db(), conn: destination.connection, mapping });
  } finally {
    destination.connection.close();
  }
}

const fieldChoice = z.enum(["source", "destination"]);

export const decideConflictAction = adminActionClient
  .metadata({ name: "decideConflict" })
  .inputSchema(
    z.object({
      migrationId: z.string().min(1),
      conflictId: z.string().min(1),
      decision: z.union([z.enum(["keep_destination", "apply_source"]), z.object({ fields: z.record(z.string().min(1), fieldChoice) })]),
    }),
  )
  .action(async ({ parsedInput, ctx: { user } }) => {
    const { migrationId, conflictId, decision } = parsedInput;
    const needed = decision === "apply_source" || (typeof decision === "object" && Object.values(decision.fields).includes("source"));
    const result = await withWriter(user.organizationId, migrationId, needed, (deps) => decideConflict(deps, user, migrationId, conflictId, decision));
    refresh(migrationId);
    return result;
  });

export const decideConflictsInBulkAction = adminActionClient
  .metadata({ name: "decideConflictsInBulk" })
  .inputSchema(z.object({ migrationId: z.string().min(1), objectType: z.string().min(1), field: z.string().min(1).optional(), choice: fieldChoice }))
  .action(async ({ parsedInput, ctx: { user } }) => {
    const { migrationId, objectType, field, choice } = parsedInput;
    const result = await withWriter(user.organizationId, migrationId, choice === "source", (deps) => decideConflictsInBulk(deps, user, migrationId, { objectType, field, choice }));
    refresh(migrationId);
    return result;
  });

export const decideDeletionAction = adminActionClient
  .metadata({ name: "decideDeletion" })
  .inputSchema(z.object({ migrationId: z.string().min(1), deletionId: z.string().min(1), decision: z.enum(["delete", "keep"]) }))
  .action(async ({ parsedInput, ctx: { user } }) => {
    const { migrationId, deletionId, decision } = parsedInput;
    if (decision === "keep") {
      const result = await decideDeletion({ db: db() }, user, migrationId, deletionId, decision);
      refresh(migrationId);
      return result;
    }
    const destination = await openDestination(db(), user.organizationId, migrationId);
    try {
      const result = await decideDeletion({ db: db(), conn: destination.connection }, user, migrationId, deletionId, decision);
      refresh(migrationId);
      return result;
    } finally {
      destination.connection.close();
    }
  });

export const restoreDeletionAction = adminActionClient
  .metadata({ name: "restoreDeletion" })
  .inputSchema(z.object({ migrationId: z.string().min(1), deletionId: z.string().min(1) }))
  .action(async ({ parsedInput, ctx: { user } }) => {
    const { migrationId, deletionId } = parsedInput;
    const result = await withWriter(user.organizationId, migrationId, true, ({ conn, mapping }) =>
      restoreDeletion({ db: db(), conn: conn!, mapping: mapping!, files: attachmentStore(db()), attachmentKey }, user, migrationId, deletionId),
    );
    refresh(migrationId);
    return result;
  });
