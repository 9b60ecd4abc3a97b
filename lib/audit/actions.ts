"use server";

import { z } from "zod";
import { memberActionClient } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { verifyAuditChain } from "./audit-log";

/** Re-hashes the organisation's whole chain and reports the first broken link, if any. */
export const verifyAuditChainAction = memberActionClient
  .metadata({ name: "verifyAuditChain" })
  .inputSchema(z.object({}))
  .action(async ({ ctx: { user } }) => verifyAuditChain(db(), user.organizationId));
