import { downloadResponse, FIELD_SPEC_FORMATS, fieldSpecDownload, type FieldSpecFormat } from "@/lib/inventory/downloads";
import { loadInventory } from "@/lib/inventory/inventory-data";
import { db } from "@/lib/server/db";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import { withOrgUser } from "@/lib/server/route";

/** The custom-field creation spec per Freshsales object: `?format=csv|json|md`. */
export const GET = withOrgUser<{ id: string }>(async (req, { user, params }) => {
  const format = new URL(req.url).searchParams.get("format") ?? "csv";
  if (!(FIELD_SPEC_FORMATS as readonly string[]).includes(format)) throw new ValidationError("format must be csv, json or md");
  const inventory = await loadInventory(db(), user.organizationId, params.id);
  if (!inventory) throw new NotFoundError("Inventory");
  return downloadResponse(fieldSpecDownload(inventory.migrationName, inventory.profiles, format as FieldSpecFormat));
});
