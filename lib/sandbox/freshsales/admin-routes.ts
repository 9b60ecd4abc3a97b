import type { FaultConfig } from "@/lib/sandbox/shared/faults";
import { badRequest } from "./api-error";
import type { FreshsalesAdmin, LoadInput } from "./admin";
import { objectBody, ok, type Router } from "./router";
import type { NewField, NewPipeline, NewUser } from "./store";

/** `/_emulator/*`: the admin UI stand-in for tests and demos (no key, not rate-limited). */
export function registerAdminRoutes(router: Router, admin: FreshsalesAdmin): void {
  router.add("POST", "/users", (ctx) => ok({ user: admin.addUser(objectBody(ctx) as unknown as NewUser) }, 201));
  router.add("POST", "/fields", (ctx) => ok({ field: admin.addField(objectBody(ctx) as unknown as NewField) }, 201));
  router.add("POST", "/choices", (ctx) => {
    const b = objectBody(ctx) as { entity?: NewField["entity"]; field?: string; values?: string[] };
    if (!b.entity || !b.field || !Array.isArray(b.values)) throw badRequest("entity, field and values are required");
    return ok({ field: admin.addChoices({ entity: b.entity, field: b.field, values: b.values }) });
  });
  router.add("POST", "/pipelines", (ctx) => ok({ deal_pipeline: admin.addPipeline(objectBody(ctx) as unknown as NewPipeline) }, 201));
  router.add("POST", "/load", (ctx) => ok(admin.load(objectBody(ctx) as LoadInput)));
  router.add("POST", "/reset", () => {
    admin.reset();
    return ok({ message: "reset" });
  });
  router.add("GET", "/dump", () => ok(admin.dump()));
  router.add("POST", "/faults", (ctx) => {
    const b = objectBody(ctx) as unknown as FaultConfig;
    if (!Array.isArray(b.rules)) throw badRequest("rules must be an array");
    admin.setFaults(b);
    return ok({ faults: b });
  });
  router.add("GET", "/stats", () => ok(admin.stats()));
}
