"use server";

import { revalidatePath } from "next/cache";
import { actionClient, adminActionClient } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { acceptInviteInput, inviteInput, signUpInput } from "./schemas";
import { acceptInvitation, createInvitation, signUp } from "./service";

export const signUpAction = actionClient
  .metadata({ name: "signUp" })
  .inputSchema(signUpInput)
  .action(async ({ parsedInput }) => {
    await signUp(db(), parsedInput);
    return { email: parsedInput.email };
  });

/** There is no mail server here: the admin gets the invite link to pass on. */
export const inviteMemberAction = adminActionClient
  .metadata({ name: "inviteMember" })
  .inputSchema(inviteInput)
  .action(async ({ parsedInput, ctx: { user } }) => {
    const token = await createInvitation(db(), user.organizationId, user, parsedInput.email);
    revalidatePath("/team");
    return { inviteUrl: `${env().APP_URL}/invite/${token}` };
  });

export const acceptInviteAction = actionClient
  .metadata({ name: "acceptInvite" })
  .inputSchema(acceptInviteInput)
  .action(async ({ parsedInput }) => acceptInvitation(db(), parsedInput.token, parsedInput.name, parsedInput.password));
