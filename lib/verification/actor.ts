import { ForbiddenError } from "@/lib/server/errors";

/** Who acts on a verification step: a signed-in customer user of one organisation. */
export interface Actor {
  id: string;
  email: string;
  role: string;
  organizationId: string;
}

export function assertAdmin(user: Actor): void {
  if (user.role !== "ADMIN") throw new ForbiddenError("Only an admin can do that");
}
