import "server-only";
import { createSafeActionClient } from "next-safe-action";
import { z } from "zod";
import { userMessageFor } from "./errors";
import { requireEngineer, requireOrgUser } from "./auth/session";

/**
 * Every server action goes through one of these clients: input parsed by zod, session and
 * role checked before the body runs, and only user-safe messages returned.
 */
export const actionClient = createSafeActionClient({
  defineMetadataSchema: () => z.object({ name: z.string() }),
  handleServerError: (e, { metadata }) => userMessageFor(e, { action: metadata?.name }),
});

export const memberActionClient = actionClient.use(async ({ next }) => {
  const user = await requireOrgUser("MEMBER");
  return next({ ctx: { user } });
});

export const adminActionClient = actionClient.use(async ({ next }) => {
  const user = await requireOrgUser("ADMIN");
  return next({ ctx: { user } });
});

export const engineerActionClient = actionClient.use(async ({ next }) => {
  const user = await requireEngineer();
  return next({ ctx: { user } });
});
