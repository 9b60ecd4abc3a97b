"use server";

import { revalidatePath } from "next/cache";
import { adminActionClient } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { approveDraft } from "./approvals";
import { runPreflight } from "./preflight";
import { acceptHighConfidence, editFieldMap, editOwners, editStageMap, proposeAll, saveRouting } from "./review-service";
import { acceptHighConfidenceInput, approveInput, editFieldMapInput, editOwnersInput, editStageMapInput, migrationInput, saveRoutingInput } from "./schemas";

const refresh = (migrationId: string) => {
  revalidatePath(`/migrations/${migrationId}/map`);
  revalidatePath(`/migrations/${migrationId}/preflight`);
};

export const reproposeMapAction = adminActionClient
  .metadata({ name: "reproposeMap" })
  .inputSchema(migrationInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    const withdrawn = await proposeAll(db(), user, parsedInput.migrationId);
    refresh(parsedInput.migrationId);
    return { withdrawn };
  });

export const editFieldMapAction = adminActionClient
  .metadata({ name: "editFieldMap" })
  .inputSchema(editFieldMapInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    const patch = await editFieldMap(db(), user, parsedInput.migrationId, parsedInput.edits, parsedInput.expectedHash);
    // The answer is the patch, not the page: revalidating here made the action's response carry
    // the whole re-rendered map (~100 KB at 500 fields). Only a withdrawn approval changes what
    // else the page shows (the step bar), and then the page reloads as before.
    if (patch.withdrawn.length > 0) refresh(parsedInput.migrationId);
    return patch;
  });

export const acceptHighConfidenceAction = adminActionClient
  .metadata({ name: "acceptHighConfidence" })
  .inputSchema(acceptHighConfidenceInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    const accepted = await acceptHighConfidence(db(), user, parsedInput.migrationId, parsedInput.minConfidence, parsedInput.ids, parsedInput.expectedHash);
    refresh(parsedInput.migrationId);
    return { accepted };
  });

export const saveRoutingAction = adminActionClient
  .metadata({ name: "saveRouting" })
  .inputSchema(saveRoutingInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    await saveRouting(db(), user, parsedInput.migrationId, parsedInput.routing, parsedInput.expectedHash);
    refresh(parsedInput.migrationId);
    return { ok: true };
  });

export const editStageMapAction = adminActionClient
  .metadata({ name: "editStageMap" })
  .inputSchema(editStageMapInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    await editStageMap(db(), user, parsedInput.migrationId, parsedInput.edits, parsedInput.expectedHash);
    refresh(parsedInput.migrationId);
    return { ok: true };
  });

export const editOwnersAction = adminActionClient
  .metadata({ name: "editOwners" })
  .inputSchema(editOwnersInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    const { migrationId, expectedHash, ...input } = parsedInput;
    await editOwners(db(), user, migrationId, input, expectedHash);
    refresh(migrationId);
    return { ok: true };
  });

export const approveMappingAction = adminActionClient
  .metadata({ name: "approveMapping" })
  .inputSchema(approveInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    const result = await approveDraft(db(), user, parsedInput.migrationId, parsedInput.kind, parsedInput.versionHash);
    refresh(parsedInput.migrationId);
    return result;
  });

export const runPreflightAction = adminActionClient
  .metadata({ name: "runPreflight" })
  .inputSchema(migrationInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    const result = await runPreflight(db(), user, parsedInput.migrationId);
    refresh(parsedInput.migrationId);
    return { passed: result.passed };
  });
