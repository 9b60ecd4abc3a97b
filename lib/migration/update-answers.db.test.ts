/**
 * A `PUT` answered with the record (as the doc shows) or with 204 and no body (the other
 * reading): the engine's updates (a contact whose email the destination already held, deal
 * line items) and the rollback's restores must come out the same either way, the ledger
 * agreeing with the destination record by record. Each profile meets the answer it does not
 * give by default.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FreshsalesEmulatorOptions } from "@/lib/sandbox/freshsales/server";
import type { GeneratorConfig } from "@/lib/sandbox/generator/config";
import { db } from "@/lib/server/db";
import { ledgerVsDestination, type EmulatorDump } from "@/test/ledger-vs-destination";
import { stateCounts } from "./ledger";
import { rollbackMigration } from "./rollback";
import { destinationSummary } from "../../test/support/migration";
import { fullRunOnEmulator } from "../../test/support/emulator-run";

const CONFIG: GeneratorConfig = { seed: 31, total: 300, dirtyRates: { control_chars: 0, exists_in_destination: 0.08 } };
const ANSWERS: [string, FreshsalesEmulatorOptions][] = [
  ["default profile, record", {}],
  ["default profile, 204", { updateAnswer: "no_content" }],
  ["variant profile, 204", { profile: "variant" }],
  ["variant profile, record", { profile: "variant", updateAnswer: "record" }],
];

interface Outcome {
  ledger: string[];
  summary: Record<string, string[]>;
  mismatches: string[];
  updated: number;
  lineItems: number;
  puts: number;
  restored: boolean;
}

function migrate(emulator: FreshsalesEmulatorOptions): Promise<Outcome> {
  return fullRunOnEmulator(CONFIG, emulator, async ({ fx, tenant, actor, conn, rows, dumpBefore }) => {
    const dump = fx.emulator.admin.dump();
    const dealsWithProducts = (dump as { records: { deals: { data: { products?: unknown[] } }[] } }).records.deals.filter((d) => (d.data.products?.length ?? 0) > 0).length;
    const puts = Object.entries(fx.emulator.stats().callsByEndpoint).filter(([k]) => k.startsWith("PUT ")).reduce((n, [, c]) => n + c, 0);
    const outcome = {
      ledger: (await stateCounts(db(), tenant.migrationId)).map((c) => `${c.objectType}:${c.state}:${c.n}`),
      summary: destinationSummary(dump),
      mismatches: ledgerVsDestination(rows, dump as unknown as EmulatorDump),
      updated: rows.filter((r) => r.action === "updated" && r.state === "written" && r.priorValues).length,
      lineItems: dealsWithProducts,
      puts,
      restored: false,
    };
    // The restores of updated contacts are PUTs too, answered the same way.
    await rollbackMigration(db(), conn, { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor });
    outcome.restored = JSON.stringify(JSON.parse(JSON.stringify(fx.emulator.admin.dump()))) === JSON.stringify(JSON.parse(dumpBefore));
    return outcome;
  });
}

describe("updates answered with the record or with 204", () => {
  const outcomes = new Map<string, Outcome>();
  beforeAll(async () => {
    for (const [name, options] of ANSWERS) outcomes.set(name, await migrate(options));
  }, 240_000);
  afterAll(() => outcomes.clear());

  it.each(ANSWERS)("%s: every update applied and counted, the ledger agreeing with the destination, the rollback exact", (name) => {
    const o = outcomes.get(name)!;
    expect(o.updated).toBeGreaterThan(3);
    expect(o.lineItems).toBeGreaterThan(3);
    expect(o.puts).toBeGreaterThanOrEqual(o.updated + o.lineItems);
    expect(o.mismatches).toEqual([]);
    expect(o.restored).toBe(true);
  });

  it("gives the same ledger and destination whichever way a profile answers", () => {
    const same = (a: string, b: string) => {
      expect(outcomes.get(b)!.ledger, b).toEqual(outcomes.get(a)!.ledger);
      expect(outcomes.get(b)!.summary, b).toEqual(outcomes.get(a)!.summary);
    };
    same(ANSWERS[0]![0], ANSWERS[1]![0]);
    same(ANSWERS[2]![0], ANSWERS[3]![0]);
  });
});
