import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";
import { getMigrationOrThrow, listMigrations } from "./data";

describe("migrations are scoped by organisation", () => {
  let orgA: string;
  let orgB: string;
  let migrationA: string;

  beforeAll(async () => {
    orgA = (await db().organization.create({ data: { name: "A" } })).id;
    orgB = (await db().organization.create({ data: { name: "B" } })).id;
    const user = await db().user.create({ data: { email: `a-${orgA}@example.com`, passwordHash: "x", role: "ADMIN", organizationId: orgA } });
    migrationA = (await db().migration.create({ data: { name: "A's", organizationId: orgA, createdById: user.id } })).id;
  });
  afterAll(async () => {
    await db().organization.deleteMany({ where: { id: { in: [orgA, orgB] } } });
  });

  it("finds a migration for its own organisation", async () => {
    expect((await getMigrationOrThrow(db(), orgA, migrationA)).name).toBe("A's");
  });

  it("answers another organisation's migration exactly like a missing one", async () => {
    const foreign = await getMigrationOrThrow(db(), orgB, migrationA).catch((e: unknown) => e);
    const missing = await getMigrationOrThrow(db(), orgB, "does-not-exist").catch((e: unknown) => e);
    expect(foreign).toBeInstanceOf(NotFoundError);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((foreign as Error).message).toBe((missing as Error).message);
  });

  it("lists only the organisation's own migrations", async () => {
    expect((await listMigrations(db(), orgB)).length).toBe(0);
    expect((await listMigrations(db(), orgA)).map((m) => m.id)).toEqual([migrationA]);
  });
});
