/**
 * Test support for the cutover window: a generated source served by the Visual Practice
 * sandbox, staged, fully migrated into the Freshsales emulator, and every gate up to the full
 * run done, as the delta tests all start. `run: false` stops before the full run.
 */
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import type { LocalFolderFileStore } from "@/lib/connectors/visual-practice/file-store";
import { GATES, type GateKey } from "@/lib/gates/gates";
import { driveRun } from "@/lib/migration/driver";
import { startFullRun } from "@/lib/migration/engine";
import type { GeneratorConfig } from "@/lib/sandbox/generator/config";
import type { SandboxClock } from "@/lib/sandbox/shared/clock";
import { startVisualPracticeServer, type VisualPracticeServer } from "@/lib/sandbox/visual-practice/server";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/roles";
import { connectionTo, createTenant, setUpDestination, stageDataset, stageFiles, type Fixture } from "./migration";

/** Every gate up to and including `last` recorded as done, in the flow's own order (a new step is included by itself). */
export async function gatesDoneThrough(migrationId: string, last: GateKey, email: string): Promise<void> {
  const by = { at: new Date().toISOString(), by: email };
  const keys = GATES.slice(0, GATES.findIndex((g) => g.key === last) + 1).map((g) => g.key);
  await db().migration.update({ where: { id: migrationId }, data: { gates: Object.fromEntries(keys.map((k) => [k, by])) } });
}

export interface MigratedPair {
  fx: Fixture;
  vp: VisualPracticeServer;
  tenant: Awaited<ReturnType<typeof createTenant>>;
  admin: Actor;
  conn: FreshsalesConnection;
  files?: LocalFolderFileStore;
  /** The emulator's dump before the full run: what a rollback must bring it back to. */
  dumpBefore: string;
  close(): Promise<void>;
}

export async function migratedPair(config: GeneratorConfig, options: { vpClock?: SandboxClock; files?: boolean; run?: boolean } = {}): Promise<MigratedPair> {
  const fx = await setUpDestination(config);
  const vp = await startVisualPracticeServer({ ...config, ratePerSecond: false, ...(options.vpClock ? { clock: options.vpClock } : {}) });
  const tenant = await createTenant(db());
  const admin: Actor = { id: tenant.userId, email: (await db().user.findUniqueOrThrow({ where: { id: tenant.userId } })).email, role: "ADMIN", organizationId: tenant.organizationId };
  await stageDataset(db(), tenant.migrationId, fx.ds);
  const files = options.files ? await stageFiles(fx.ds, tenant.migrationId) : undefined;
  const conn = connectionTo(fx.emulator);
  const dumpBefore = JSON.stringify(fx.emulator.admin.dump());
  if (options.run !== false) {
    const full = await startFullRun(db(), { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: admin, mapping: fx.mapping, destination: fx.destination });
    await driveRun(() => ({ db: db(), conn, bulkPollMs: 10, ...(files ? { files } : {}) }), full.runId);
    await gatesDoneThrough(tenant.migrationId, "full-run", admin.email);
  }
  return {
    fx, vp, tenant, admin, conn, files, dumpBefore,
    close: async () => {
      conn.close();
      await fx.emulator.close();
      await vp.close();
    },
  };
}
