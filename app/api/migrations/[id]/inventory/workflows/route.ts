import { downloadResponse, WORKFLOW_FORMATS, workflowDownload, type WorkflowFormat } from "@/lib/inventory/downloads";
import { loadInventory } from "@/lib/inventory/inventory-data";
import { db } from "@/lib/server/db";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import { withOrgUser } from "@/lib/server/route";

/** The workflow export: `?format=json` (definitions) or `?format=md` (rebuild checklist). */
export const GET = withOrgUser<{ id: string }>(async (req, { user, params }) => {
  const format = new URL(req.url).searchParams.get("format") ?? "md";
  if (!(WORKFLOW_FORMATS as readonly string[]).includes(format)) throw new ValidationError("format must be json or md");
  const inventory = await loadInventory(db(), user.organizationId, params.id);
  if (!inventory) throw new NotFoundError("Inventory");
  return downloadResponse(workflowDownload(inventory.migrationName, inventory.workflows, format as WorkflowFormat));
});
