"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminActionClient } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { confirmGoLive } from "./go-live";

export const confirmGoLiveAction = adminActionClient
  .metadata({ name: "confirmGoLive" })
  .inputSchema(z.object({ migrationId: z.string().min(1), name: z.string().min(1, "Type the migration's name") }))
  .action(async ({ parsedInput, ctx: { user } }) => {
    const { closedAt } = await confirmGoLive(db(), user, parsedInput.migrationId, parsedInput.name);
    revalidatePath(`/migrations/${parsedInput.migrationId}`, "layout");
    revalidatePath("/migrations");
    return { closedAt: closedAt.toISOString() };
  });
