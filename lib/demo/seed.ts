import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { appendAudit } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/server/db";
import { hashPassword } from "@/lib/server/auth/password";

export const DEMO_EMAIL = "demo@example.com";

/** The demo password is generated once per machine and kept beside the local data. */
async function demoPassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "demo.json");
  if (existsSync(file)) return (JSON.parse(await readFile(file, "utf8")) as { password: string }).password;
  const password = randomBytes(9).toString("base64url");
  await writeFile(file, JSON.stringify({ email: DEMO_EMAIL, password }), { mode: 0o600 });
  return password;
}

/** A demo organisation with an admin and one migration, created once. */
export async function ensureDemo(db: Db, dataDir: string) {
  const password = await demoPassword(dataDir);
  const existing = await db.user.findUnique({ where: { email: DEMO_EMAIL }, select: { id: true, organizationId: true } });
  if (existing?.organizationId) {
    const migration = await db.migration.findFirst({ where: { organizationId: existing.organizationId }, orderBy: { createdAt: "asc" } });
    return { email: DEMO_EMAIL, password, organizationId: existing.organizationId, migrationId: migration?.id ?? null };
  }
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const org = await tx.organization.create({ data: { name: "Demo Clinic" } });
    const user = await tx.user.create({
      data: { email: DEMO_EMAIL, name: "Demo Admin", passwordHash, role: "ADMIN", organizationId: org.id },
      select: { id: true, email: true },
    });
    const migration = await tx.migration.create({
      data: { name: "Demo Clinic cutover", organizationId: org.id, createdById: user.id },
    });
    await appendAudit(tx, { organizationId: org.id, actor: user, action: "organization.created", detail: { name: org.name, demo: true } });
    await appendAudit(tx, { organizationId: org.id, migrationId: migration.id, actor: user, action: "migration.created", detail: { name: migration.name } });
    return { email: DEMO_EMAIL, password, organizationId: org.id, migrationId: migration.id };
  });
}
