/** Who acts on a verification step: a signed-in customer user of one organisation. */
export interface Actor {
  id: string;
  email: string;
  role: string;
  organizationId: string;
}

export { assertAdmin } from "@/lib/server/roles";
