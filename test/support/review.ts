/**
 * Test support (database tier only): an organisation with an admin and a member, a migration
 * whose Connect and Inventory gates are done, staging and an inventory built from the sandbox
 * generator, and a Freshsales emulator loaded with the generator's destination setup.
 */
import { createHash, randomUUID } from "node:crypto";
import { encryptSecret } from "@/lib/connections/crypto";
import { createProfiler } from "@/lib/inventory/profiler";
import type { SourceObject } from "@/lib/inventory/types";
import { Dataset } from "@/lib/sandbox/generator/dataset";
import { destinationSetup, type DestinationSetup } from "@/lib/sandbox/generator/destination-setup";
import type { Collection } from "@/lib/sandbox/generator/config";
import { startFreshsalesEmulator, type FreshsalesEmulator } from "@/lib/sandbox/freshsales/server";
import { SandboxClock } from "@/lib/sandbox/shared/clock";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import type { ReviewUser } from "../../lib/mapping/review/approvals";

/** Emulated ms per real ms, for the emulator and (through SANDBOX_CLOCK_SCALE) the rate governor. */
export const CLOCK_SCALE = 720;

const STAGED: [Collection, SourceObject | null][] = [
  ["users", "user"],
  ["pipelines", "pipeline"],
  ["companies", "company"],
  ["contacts", "contact"],
  ["deals", "deal"],
  ["products", "product"],
  // Activities feed tasks and appointments, which take no custom fields: the preflight checks that.
  ["activities", "activity"],
];

export interface ReviewFixture {
  organizationId: string;
  migrationId: string;
  admin: ReviewUser;
  member: ReviewUser;
  emulator: FreshsalesEmulator;
  dataset: Dataset;
  close(): Promise<void>;
}

/** `adjust`: changes the destination setup before it is loaded (a Freshsales without some pipeline). */
export async function createReviewFixture(label: string, total = 300, dirtyRates: Record<string, number> = {}, adjust: (setup: DestinationSetup) => DestinationSetup = (s) => s): Promise<ReviewFixture> {
  const dataset = new Dataset({ seed: 7, total, dirtyRates } as ConstructorParameters<typeof Dataset>[0]);
  const emulator = await startFreshsalesEmulator({ plan: "growth", clock: new SandboxClock(CLOCK_SCALE) });
  emulator.admin.load(adjust(destinationSetup(dataset)) as Parameters<FreshsalesEmulator["admin"]["load"]>[0]);

  const org = await db().organization.create({ data: { name: `${label} org` } });
  const suffix = randomUUID().slice(0, 8);
  const adminRow = await db().user.create({ data: { email: `admin-${suffix}@example.com`, passwordHash: "x", role: "ADMIN", organizationId: org.id } });
  const memberRow = await db().user.create({ data: { email: `member-${suffix}@example.com`, passwordHash: "x", role: "MEMBER", organizationId: org.id } });
  const now = new Date().toISOString();
  const migration = await db().migration.create({
    data: {
      name: label,
      organizationId: org.id,
      createdById: adminRow.id,
      gates: { connect: { at: now, by: adminRow.email }, inventory: { at: now, by: adminRow.email } },
    },
  });
  const connectionId = `fs_${suffix}`;
  await db().connection.create({
    data: {
      id: connectionId,
      organizationId: org.id,
      migrationId: migration.id,
      kind: "FRESHSALES",
      baseUrl: emulator.apiBase,
      plan: "growth",
      secretCiphertext: encryptSecret(emulator.apiKey, env().ENCRYPTION_KEY, connectionId),
    },
  });

  const catalogue = Array.from({ length: dataset.count("custom-properties") }, (_, i) => {
    const r = dataset.record("custom-properties", i);
    return { key: String(r.key), label: String(r.label), ...(typeof r.object === "string" ? { object: r.object } : {}) };
  });
  const profiles = [];
  for (const [collection, object] of STAGED) {
    const profiler = object ? createProfiler(object, catalogue) : null;
    const rows = [];
    for (let i = 0; i < dataset.count(collection); i++) {
      const record = dataset.record(collection, i) as Record<string, unknown>;
      const deleted = record.deleted_at !== null && record.deleted_at !== undefined;
      if (!deleted) profiler?.add(record);
      const json = JSON.stringify(record);
      rows.push({ migrationId: migration.id, collection, sourceId: String(record.id), data: record as object, deleted, hash: createHash("sha256").update(json).digest("hex"), runId: "run_test" });
    }
    await db().stagedRecord.createMany({ data: rows });
    if (profiler) profiles.push(...profiler.finish());
  }
  await db().inventory.create({ data: { migrationId: migration.id, runId: "run_test", counts: {}, profiles: profiles as unknown as object, catalogue: catalogue as object } });

  const asUser = (u: { id: string; email: string; role: string }): ReviewUser => ({ id: u.id, email: u.email, role: u.role, organizationId: org.id });
  return {
    organizationId: org.id,
    migrationId: migration.id,
    admin: asUser(adminRow),
    member: asUser(memberRow),
    emulator,
    dataset,
    close: async () => {
      await emulator.close();
      await db().stagedRecord.deleteMany({ where: { migrationId: migration.id } });
      await db().organization.delete({ where: { id: org.id } });
    },
  };
}
