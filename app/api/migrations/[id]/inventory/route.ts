import { NextResponse } from "next/server";
import { appendAudit } from "@/lib/audit/audit-log";
import { loadInventory } from "@/lib/inventory/inventory-data";
import { maskProfiles } from "@/lib/inventory/mask-profiles";
import { db } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";
import { withOrgUser } from "@/lib/server/route";

/**
 * The inventory's field profiles. Sensitive values come masked unless `?reveal=1`; revealing
 * health data is the viewer's explicit choice, and it is audited.
 */
export const GET = withOrgUser<{ id: string }>(async (req, { user, params }) => {
  const inventory = await loadInventory(db(), user.organizationId, params.id);
  if (!inventory) throw new NotFoundError("Inventory");
  const reveal = new URL(req.url).searchParams.get("reveal") === "1";
  if (reveal) {
    await appendAudit(db(), {
      organizationId: user.organizationId,
      migrationId: inventory.migrationId,
      actor: { id: user.id, email: user.email },
      action: "inventory.sensitive_revealed",
    });
  }
  return NextResponse.json(
    { counts: inventory.counts, profiles: reveal ? inventory.profiles : maskProfiles(inventory.profiles), revealed: reveal },
    { headers: { "cache-control": "no-store" } },
  );
});
