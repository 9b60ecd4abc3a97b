/**
 * §2.10 leaves open the bulk item shape (`{cf_vp_id, data}` or `{unique_identifier, <singular>}`)
 * and the request cap ("100?"). Against an account that accepts only the other shape, 30 items
 * at a time, the run must end as against one accepting ours, the ledger agreeing with the
 * destination record by record, on either profile.
 */
import { describe, expect, it } from "vitest";
import type { FreshsalesEmulatorOptions } from "@/lib/sandbox/freshsales/server";
import type { GeneratorConfig } from "@/lib/sandbox/generator/config";
import { db } from "@/lib/server/db";
import { ledgerVsDestination, type EmulatorDump } from "@/test/ledger-vs-destination";
import { stateCounts } from "./ledger";
import { destinationSummary } from "../../test/support/migration";
import { fullRunOnEmulator } from "../../test/support/emulator-run";

const CONFIG: GeneratorConfig = { seed: 41, total: 300, dirtyRates: { control_chars: 0, parent_cycle: 0.1, duplicate_email: 0.05, exists_in_destination: 0.04 } };
const PROFILES: [string, FreshsalesEmulatorOptions][] = [
  ["default", {}],
  ["variant", { profile: "variant" }],
];

function migrate(emulator: FreshsalesEmulatorOptions) {
  return fullRunOnEmulator(CONFIG, emulator, async ({ fx, tenant, rows }) => {
    const dump = fx.emulator.admin.dump();
    return {
      ledger: (await stateCounts(db(), tenant.migrationId)).map((c) => `${c.objectType}:${c.state}:${c.n}`),
      summary: destinationSummary(dump),
      mismatches: ledgerVsDestination(rows, dump as unknown as EmulatorDump),
      written: rows.filter((r) => r.state === "written" && ["companies", "contacts", "deals"].includes(r.objectType)).length,
      bulkCalls: fx.emulator.stats().callsByEndpoint,
    };
  });
}

describe.each(PROFILES)("bulk upserts to an account reading §2.10 the other way (%s)", (_name, profile) => {
  it("learns the unique_identifier shape and the 30-item cap, and ends as against one accepting ours", async () => {
    const ours = await migrate(profile);
    const other = await migrate({ ...profile, bulkItemShape: "unique_identifier", bulkMax: 30 });
    expect(ours.mismatches).toEqual([]);
    expect(other.mismatches).toEqual([]);
    expect(other.ledger).toEqual(ours.ledger);
    expect(other.summary).toEqual(ours.summary);
    expect(other.written).toBeGreaterThan(100);
    // Not vacuous: more bulk requests went out, each of at most 30 items (the emulator refuses more).
    const bulk = (calls: Record<string, number>) => Object.entries(calls).filter(([k]) => k.includes("bulk_upsert")).reduce((n, [, c]) => n + c, 0);
    expect(bulk(other.bulkCalls)).toBeGreaterThan(bulk(ours.bulkCalls));
  }, 120_000);
});
