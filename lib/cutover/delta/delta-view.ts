import { getMigrationOrThrow } from "@/lib/gates/data";
import type { Db } from "@/lib/server/db";
import { deletableInFreshsales } from "./deletions";
import { currentWindow, openDeletions, pendingChanges } from "./delta-window";
import { readRunJson } from "@/lib/migration/run-json";
import { conflictFieldsSchema, deltaSettingsSchema, EMPTY_STATS, type ConflictField, type DeltaSettings, type DeltaStats } from "./types";

export interface ConflictView {
  id: string;
  objectType: string;
  sourceId: string;
  destId: string;
  fields: ConflictField[];
  status: string;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface DeletionView {
  id: string;
  objectType: string;
  sourceId: string;
  destId: string;
  status: string;
  /** Null when the admin may delete it in Freshsales; otherwise why only keeping is offered. */
  notDeletable: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface DeltaView {
  window: { id: string; status: string; settings: DeltaSettings; watermark: string | null; startedAt: string | null; finishedAt: string | null; stats: DeltaStats } | null;
  conflicts: ConflictView[];
  openConflicts: number;
  deletions: DeletionView[];
  openDeletions: number;
  /** Changes a window picked up and has not written yet. */
  pendingChanges: number;
}

/** What the Delta page polls: the window, its figures and the conflicts (open first). */
export async function deltaView(db: Db, organizationId: string, migrationId: string): Promise<DeltaView> {
  await getMigrationOrThrow(db, organizationId, migrationId);
  const run = await currentWindow(db, migrationId);
  const conflicts = await db.deltaConflict.findMany({ where: { migrationId }, orderBy: [{ status: "asc" }, { createdAt: "desc" }], take: 200 });
  const deletions = await db.deltaDeletion.findMany({ where: { migrationId }, orderBy: [{ status: "asc" }, { createdAt: "desc" }], take: 200 });
  const stats: DeltaStats = { ...EMPTY_STATS, ...((run?.stats ?? {}) as Partial<DeltaStats>) };
  delete stats.leaseUntil;
  return {
    window: run
      ? {
          id: run.id, status: run.status, settings: readRunJson(deltaSettingsSchema, run.settings, run.id, "window settings"), watermark: run.watermark?.toISOString() ?? null,
          startedAt: run.startedAt?.toISOString() ?? null, finishedAt: run.finishedAt?.toISOString() ?? null, stats,
        }
      : null,
    conflicts: conflicts
      .sort((a, b) => Number(b.status === "open") - Number(a.status === "open"))
      .map((c) => ({
        id: c.id, objectType: c.objectType, sourceId: c.sourceId, destId: c.destId, fields: readRunJson(conflictFieldsSchema, c.fields, c.id, "conflict fields").map(({ writtenRaw: _base, ...f }) => f), status: c.status,
        decidedBy: c.decidedBy, decidedAt: c.decidedAt?.toISOString() ?? null, createdAt: c.createdAt.toISOString(),
      })),
    openConflicts: conflicts.filter((c) => c.status === "open").length,
    deletions: deletions
      .sort((a, b) => Number(b.status === "open") - Number(a.status === "open"))
      .map((d) => {
        const allowed = deletableInFreshsales(d);
        return {
          id: d.id, objectType: d.objectType, sourceId: d.sourceId, destId: d.destId, status: d.status, notDeletable: allowed.ok ? null : allowed.why,
          decidedBy: d.decidedBy, decidedAt: d.decidedAt?.toISOString() ?? null,
        };
      }),
    openDeletions: await openDeletions(db, migrationId),
    pendingChanges: await pendingChanges(db, migrationId),
  };
}
