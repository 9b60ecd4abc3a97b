/**
 * Test support: a migration taken through the Map and Preflight steps the way an admin does it,
 * the Freshsales admin creating in the emulator whatever the preflight lists, and the sample
 * marked signed off, so the full run can be started through the service as the console does.
 */
import { db } from "@/lib/server/db";
import { runPreflight } from "../../lib/mapping/review/preflight";
import { WIRE_FIELD_TYPE } from "../../lib/mapping/review/preflight-checks";
import { ensureProposed } from "../../lib/mapping/review/review-service";
import { approveEverything } from "./approve-all";
import type { ReviewFixture } from "./review";
import { SELECTOR_OF } from "./selectors";


export async function throughPreflight(fx: ReviewFixture): Promise<void> {
  await ensureProposed(db(), fx.admin, fx.migrationId);
  await approveEverything(fx.admin, fx.migrationId);
  const first = await runPreflight(db(), fx.admin, fx.migrationId);
  if (!first.passed) {
    for (const f of first.toCreate.fields) {
      const entity = f.entity === "leads" ? "contacts" : (f.entity as "contacts" | "sales_accounts" | "deals");
      fx.emulator.admin.addField({ entity, label: f.label, name: f.name, type: WIRE_FIELD_TYPE[f.type], ...(f.choices ? { choices: f.choices } : {}), ...(f.unique ? { unique: true } : {}) });
    }
    for (const c of first.toCreate.choices) {
      const selector = SELECTOR_OF[c.field];
      if (selector) fx.emulator.admin.load({ selectors: { [selector]: c.values } });
      else fx.emulator.admin.addChoices({ entity: c.entity as "contacts", field: c.field, values: c.values });
    }
    for (const u of first.toCreate.users) fx.emulator.admin.addUser({ email: u.email, is_active: true });
    const second = await runPreflight(db(), fx.admin, fx.migrationId);
    if (!second.passed) throw new Error(`preflight still fails: ${JSON.stringify({ toCreate: second.toCreate, problems: second.problems })}`);
  }
  const migration = await db().migration.findUniqueOrThrow({ where: { id: fx.migrationId } });
  const done = { at: new Date().toISOString(), by: fx.admin.email };
  // The dry run is its own step (lib/migration/dry-run): marked done here as the sample is.
  const gates = { ...(migration.gates as object), "dry-run": done, sample: done };
  await db().migration.update({ where: { id: fx.migrationId }, data: { gates } });
}
