import { defineConfig } from "prisma/config";

// Prisma 7 reads the connection from here. The project's own scripts (db:migrate, db:diff)
// drive the schema engine themselves; this file keeps `prisma migrate deploy` working on a
// machine that has Prisma's native engine.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
