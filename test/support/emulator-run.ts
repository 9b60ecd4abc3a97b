/**
 * Test support: one full run of a generated source on an emulator of its own (set up as the
 * Freshsales admin leaves it), attachments included, driven by two in-process workers. The
 * interoperability tests run it once per way an account may answer and compare the outcomes;
 * `read` takes what a test compares before the connection and the emulator close.
 */
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import type { FreshsalesEmulatorOptions } from "@/lib/sandbox/freshsales/server";
import type { GeneratorConfig } from "@/lib/sandbox/generator/config";
import { db } from "@/lib/server/db";
import { driveRun } from "../../lib/migration/driver";
import { startFullRun } from "../../lib/migration/engine";
import { connectionTo, createTenant, setUpDestination, stageDataset, stageFiles, type Fixture } from "./migration";

export interface EmulatorRun {
  fx: Fixture;
  tenant: Awaited<ReturnType<typeof createTenant>>;
  actor: { id: string; email: string };
  conn: FreshsalesConnection;
  runId: string;
  rows: Awaited<ReturnType<ReturnType<typeof db>["ledgerEntry"]["findMany"]>>;
  /** The emulator's dump before the run: what a rollback must bring it back to. */
  dumpBefore: string;
}

export async function fullRunOnEmulator<T>(
  config: GeneratorConfig,
  emulator: FreshsalesEmulatorOptions,
  read: (run: EmulatorRun) => Promise<T>,
  options: { rateLimited?: boolean; connect?: (fx: Fixture, migrationId: string) => FreshsalesConnection } = {},
): Promise<T> {
  const fx = await setUpDestination(config, emulator, options.rateLimited);
  try {
    const dumpBefore = JSON.stringify(fx.emulator.admin.dump());
    const tenant = await createTenant(db());
    await stageDataset(db(), tenant.migrationId, fx.ds);
    const files = await stageFiles(fx.ds, tenant.migrationId);
    const conn = options.connect?.(fx, tenant.migrationId) ?? connectionTo(fx.emulator);
    try {
      const actor = { id: tenant.userId, email: "a@x" };
      const { runId } = await startFullRun(db(), { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor, mapping: fx.mapping, destination: fx.destination });
      await driveRun(() => ({ db: db(), conn, files, bulkPollMs: 10 }), runId, { workers: 2 });
      const rows = await db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId } });
      return await read({ fx, tenant, actor, conn, runId, rows, dumpBefore });
    } finally {
      conn.close();
    }
  } finally {
    await fx.emulator.close();
  }
}
