"use server";

import { revalidatePath } from "next/cache";
import { adminActionClient } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { connectionRefInput, saveFreshsalesInput, saveVisualPracticeApiInput } from "./schemas";
import { deleteConnection, saveFreshsales, saveVisualPracticeApi, testConnection } from "./service";

// Admins only: members see the Connect page read-only. Saving also tests, so the admin
// sees at once whether the settings work; the outcome is stored either way.

export const saveVisualPracticeApiAction = adminActionClient
  .metadata({ name: "saveVisualPracticeApiConnection" })
  .inputSchema(saveVisualPracticeApiInput)
  .action(async ({ parsedInput: { migrationId, baseUrl, token }, ctx: { user } }) => {
    await saveVisualPracticeApi(db(), user, migrationId, { baseUrl, token });
    const view = await testConnection(db(), user, migrationId, "VISUAL_PRACTICE");
    revalidatePath(`/migrations/${migrationId}`, "layout");
    return view;
  });

export const saveFreshsalesAction = adminActionClient
  .metadata({ name: "saveFreshsalesConnection" })
  .inputSchema(saveFreshsalesInput)
  .action(async ({ parsedInput: { migrationId, domain, apiKey, plan, callsPerHour }, ctx: { user } }) => {
    await saveFreshsales(db(), user, migrationId, { domain, apiKey, plan, callsPerHour });
    const view = await testConnection(db(), user, migrationId, "FRESHSALES");
    revalidatePath(`/migrations/${migrationId}`, "layout");
    return view;
  });

export const testConnectionAction = adminActionClient
  .metadata({ name: "testConnection" })
  .inputSchema(connectionRefInput)
  .action(async ({ parsedInput: { migrationId, kind }, ctx: { user } }) => {
    const view = await testConnection(db(), user, migrationId, kind);
    revalidatePath(`/migrations/${migrationId}`, "layout");
    return view;
  });

export const deleteConnectionAction = adminActionClient
  .metadata({ name: "deleteConnection" })
  .inputSchema(connectionRefInput)
  .action(async ({ parsedInput: { migrationId, kind }, ctx: { user } }) => {
    await deleteConnection(db(), user, migrationId, kind);
    revalidatePath(`/migrations/${migrationId}`, "layout");
    return { ok: true };
  });
