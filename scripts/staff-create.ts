/**
 * `npm run staff:create -- <email>`: creates a migration engineer (role ENGINEER, no
 * organisation) and prints a generated password once. Staff cannot sign up in the browser.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { applyLocalSecrets, ensureDatabase } from "../lib/server/local-setup.ts";

const email = z.string().trim().toLowerCase().pipe(z.email()).safeParse(process.argv[2]);
if (!email.success) {
  console.error("Usage: npm run staff:create -- <email>");
  process.exit(2);
}
await applyLocalSecrets();
const database = await ensureDatabase();
process.env.DATABASE_URL = database.url;
try {
  const { migrateDatabase } = await import("./db/migrate.ts");
  await migrateDatabase(database.url);
  const { db } = await import("../lib/server/db.ts");
  const { hashPassword } = await import("../lib/server/auth/password.ts");
  const existing = await db().user.findUnique({ where: { email: email.data } });
  if (existing) {
    console.error(`${email.data} already has an account (${existing.role}).`);
    process.exitCode = 1;
  } else {
    const password = process.env.STAFF_PASSWORD ?? randomBytes(12).toString("base64url");
    await db().user.create({ data: { email: email.data, role: "ENGINEER", passwordHash: await hashPassword(password) } });
    console.log(`Engineer created: ${email.data}\nPassword (shown once): ${password}`);
  }
  await db().$disconnect();
} finally {
  await database.stop();
}
