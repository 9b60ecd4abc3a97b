import type { FreshsalesAdmin } from "./admin";
import { choicesSchema, faultsSchema, fieldSchema, loadSchema, parseAdmin, pipelineSchema, userSchema } from "./admin-schemas";
import { ok, type Router } from "./router";

/** `/_emulator/*`: the admin UI stand-in for tests and demos (no key, not rate-limited). */
export function registerAdminRoutes(router: Router, admin: FreshsalesAdmin): void {
  router.add("POST", "/users", (ctx) => ok({ user: admin.addUser(parseAdmin(userSchema, ctx.body)) }, 201));
  router.add("POST", "/fields", (ctx) => ok({ field: admin.addField(parseAdmin(fieldSchema, ctx.body)) }, 201));
  router.add("POST", "/choices", (ctx) => ok({ field: admin.addChoices(parseAdmin(choicesSchema, ctx.body)) }));
  router.add("POST", "/pipelines", (ctx) => ok({ deal_pipeline: admin.addPipeline(parseAdmin(pipelineSchema, ctx.body)) }, 201));
  router.add("POST", "/load", (ctx) => ok(admin.load(parseAdmin(loadSchema, ctx.body))));
  router.add("POST", "/reset", () => {
    admin.reset();
    return ok({ message: "reset" });
  });
  router.add("GET", "/dump", () => ok(admin.dump()));
  router.add("POST", "/faults", (ctx) => {
    const config = parseAdmin(faultsSchema, ctx.body);
    admin.setFaults(config);
    return ok({ faults: config });
  });
  router.add("GET", "/stats", () => ok(admin.stats()));
}
