/**
 * A Freshsales that writes a record and then says otherwise: bulk items reported failed while
 * carrying the id of the record made (the job then "partial"), and writes (bulk upserts,
 * creates, uploads, updates) applied and answered with a 502. Each profile's run must end with
 * the same ledger and destination as a run where every answer told the truth, the ledger
 * agreeing with the destination record by record: a record Freshsales holds is written, never
 * failed, and the records it really refused stay failed with their reasons.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { FreshsalesEmulatorOptions } from "@/lib/sandbox/freshsales/server";
import type { GeneratorConfig } from "@/lib/sandbox/generator/config";
import { db } from "@/lib/server/db";
import { ledgerVsDestination, type EmulatorDump } from "@/test/ledger-vs-destination";
import { stateCounts } from "./ledger";
import { destinationSummary } from "../../test/support/migration";
import { fullRunOnEmulator } from "../../test/support/emulator-run";

const CONFIG: GeneratorConfig = { seed: 23, total: 300, dirtyRates: { control_chars: 0, parent_cycle: 0.1, duplicate_email: 0.05, malformed_email: 0.05, cross_pipeline_stage: 0.1, exists_in_destination: 0.04, orphan_activity: 0.05 } };
// Records Freshsales really refuses: contacts left without an email (the default answer) and deals whose stage is of another pipeline (a later duplicate email is skipped by the first-wins policy, not refused).
const PROFILES: [string, FreshsalesEmulatorOptions][] = [
  ["default", {}],
  ["variant", { profile: "variant" }],
];

function migrate(emulator: FreshsalesEmulatorOptions) {
  return fullRunOnEmulator(CONFIG, emulator, async ({ fx, tenant, runId, rows }) => {
    const dump = fx.emulator.admin.dump();
    const run = await db().run.findUniqueOrThrow({ where: { id: runId } });
    return {
      rows,
      dump: dump as unknown as EmulatorDump,
      summary: destinationSummary(dump),
      ledger: (await stateCounts(db(), tenant.migrationId)).map((c) => `${c.objectType}:${c.state}:${c.n}`),
      status: run.status,
      hidden: fx.emulator.stats().hiddenWrites,
    };
  });
}

describe.each(PROFILES)("writes Freshsales hid from its answers (%s)", (_name, profile) => {
  afterAll(() => undefined);

  it("are written under the id Freshsales holds; what it refused stays failed", async () => {
    const truthful = await migrate(profile);
    const hiding = await migrate({ ...profile, bulkFailedWithId: 0.15, writeAnswered502: 0.25 });
    // Not vacuous: both kinds of hidden write happened, many times.
    expect(truthful.hidden).toEqual({ bulkFailedWithId: 0, writeAnswered502: 0 });
    expect(hiding.hidden.bulkFailedWithId).toBeGreaterThan(10);
    expect(hiding.hidden.writeAnswered502).toBeGreaterThan(10);

    expect(ledgerVsDestination(truthful.rows, truthful.dump)).toEqual([]);
    expect(ledgerVsDestination(hiding.rows, hiding.dump)).toEqual([]);
    expect(hiding.ledger).toEqual(truthful.ledger);
    expect(hiding.summary).toEqual(truthful.summary);
    expect(hiding.status).toBe(truthful.status);
    // The other answer: records Freshsales really refused are failed in both runs, with a reason.
    const refused = (o: typeof truthful) => o.rows.filter((r) => r.state === "failed" && ["companies", "contacts", "deals"].includes(r.objectType)).map((r) => `${r.objectType}/${r.sourceId}`).sort();
    expect(refused(truthful).length).toBeGreaterThan(0);
    expect(refused(hiding)).toEqual(refused(truthful));
    expect(hiding.rows.filter((r) => r.state === "failed" && !r.reason)).toEqual([]);
  }, 180_000);
});
