import { registerActivityRoutes } from "./activity-routes";
import { registerBulkRoutes } from "./bulk-upsert";
import { registerClassicRoutes } from "./classic-leads";
import { registerCrmRoutes } from "./crm-routes";
import { registerViewRoutes } from "./crm-views";
import { registerDocumentRoutes } from "./document-routes";
import { registerProductRoutes } from "./product-routes";
import type { Router } from "./router";
import { registerSearchRoutes } from "./search-routes";
import { registerSelectorRoutes } from "./selector-routes";

/** Order matters: literal segments (filters, upsert, bulk_upsert) before `:id` patterns. */
export function registerRoutes(api: Router, classic: Router): void {
  registerSelectorRoutes(api);
  registerViewRoutes(api);
  registerBulkRoutes(api);
  registerProductRoutes(api);
  registerSearchRoutes(api);
  registerDocumentRoutes(api);
  registerActivityRoutes(api);
  registerCrmRoutes(api);
  registerClassicRoutes(classic);
}
