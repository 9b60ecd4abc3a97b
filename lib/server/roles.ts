import { ForbiddenError } from "./errors";

/**
 * For services called with a user already resolved (actions, jobs, tests): refuses anyone but
 * an admin of the organisation. The one check every feature's service uses.
 */
export function assertAdmin(user: { role: string }): void {
  if (user.role !== "ADMIN") throw new ForbiddenError("Only an admin can do that");
}

/** Who acts on a step: a signed-in customer user of one organisation. */
export interface Actor {
  id: string;
  email: string;
  role: string;
  organizationId: string;
}
