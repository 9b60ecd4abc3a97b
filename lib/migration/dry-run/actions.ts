"use server";

import { revalidatePath } from "next/cache";
import { adminActionClient } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { migrationInput } from "../schemas";
import { scheduleDryRun } from "./jobs";
import { requestDryRun } from "./service";

export const startDryRunAction = adminActionClient
  .metadata({ name: "startDryRun" })
  .inputSchema(migrationInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    const result = await requestDryRun(db(), user, parsedInput.migrationId, scheduleDryRun);
    revalidatePath(`/migrations/${parsedInput.migrationId}/dry-run`);
    return result;
  });
