/**
 * The one part of the mapping engine that touches the database: reviewers' corrections, kept
 * per organisation (MappingCorrection). Every query is scoped by organizationId, so one
 * organisation's corrections are never offered to another.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/server/db";
import type { LearnedCorrection } from "./learned-corrections";
import { mappingDecisionSchema } from "./schemas";

/** Remembers corrections for the organisation; a later correction of the same column replaces the earlier one. */
export async function saveCorrections(db: Db, organizationId: string, corrections: LearnedCorrection[], updatedById: string | null): Promise<void> {
  for (const c of corrections) {
    const where = { organizationId_sourceObject_sourceKey_entity: { organizationId, sourceObject: c.sourceObject, sourceKey: c.sourceKey, entity: c.entity } };
    const data = {
      sourceLabel: c.sourceLabel,
      decision: c.decision as Prisma.InputJsonValue,
      proposed: c.proposed as Prisma.InputJsonValue,
      learnedFromMigrationId: c.learnedFromMigrationId,
      updatedById,
    };
    await db.mappingCorrection.upsert({ where, create: { organizationId, sourceObject: c.sourceObject, sourceKey: c.sourceKey, entity: c.entity, ...data }, update: data });
  }
}

/** The organisation's corrections, except those learned in `exceptMigrationId` (a migration does not learn from itself). */
export async function loadCorrections(db: Db, organizationId: string, exceptMigrationId?: string): Promise<LearnedCorrection[]> {
  const rows = await db.mappingCorrection.findMany({
    where: { organizationId, ...(exceptMigrationId ? { learnedFromMigrationId: { not: exceptMigrationId } } : {}) },
    orderBy: { updatedAt: "asc" },
  });
  return rows.flatMap((r) => {
    // A stored decision that no longer parses (an older schema) is dropped rather than offered.
    const decision = mappingDecisionSchema.safeParse(r.decision);
    const proposed = mappingDecisionSchema.safeParse(r.proposed);
    if (!decision.success || !proposed.success) return [];
    return [{ sourceObject: r.sourceObject, sourceKey: r.sourceKey, sourceLabel: r.sourceLabel, entity: r.entity, decision: decision.data, proposed: proposed.data, learnedFromMigrationId: r.learnedFromMigrationId }];
  });
}
