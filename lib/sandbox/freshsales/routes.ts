import { registerCrmRoutes } from "./crm-routes";
import { registerViewRoutes } from "./crm-views";
import { registerProductRoutes } from "./product-routes";
import type { Router } from "./router";
import { registerSelectorRoutes } from "./selector-routes";

/** Order matters: literal segments (filters, upsert) before `:id` patterns. */
export function registerRoutes(api: Router, _classic: Router): void {
  registerSelectorRoutes(api);
  registerViewRoutes(api);
  registerProductRoutes(api);
  registerCrmRoutes(api);
}
