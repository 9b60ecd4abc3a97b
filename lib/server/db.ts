import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "./env";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/**
 * The one Prisma client (a globalThis singleton, so dev reloads do not open new pools).
 * A function rather than a constant so that importing it never needs a database: `next build`
 * imports every route without one.
 */
export function db(): PrismaClient {
  globalForPrisma.prisma ??= new PrismaClient({
    // Sessions in UTC: Prisma's DateTime columns are timestamps without a zone holding UTC, and
    // raw SQL that writes or compares them with now() must mean the same instant on any server.
    adapter: new PrismaPg({ connectionString: env().DATABASE_URL, max: 10, options: "-c TimeZone=UTC" }),
    // Password hashes are never selected unless a caller asks for them explicitly.
    omit: { user: { passwordHash: true } },
  });
  return globalForPrisma.prisma;
}

export type Db = PrismaClient;
