"use server";

import { revalidatePath } from "next/cache";
import { adminActionClient } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { startExtractionInput } from "./schemas";
import { startExtraction } from "./start-extraction";

export const startExtractionAction = adminActionClient
  .metadata({ name: "startExtraction" })
  .inputSchema(startExtractionInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    const result = await startExtraction(db(), user, parsedInput.migrationId, parsedInput.mode);
    revalidatePath(`/migrations/${parsedInput.migrationId}`, "layout");
    return result;
  });
