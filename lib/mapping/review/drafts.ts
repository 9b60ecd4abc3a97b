/**
 * Map-step drafts and their approvals in the database. Saving a draft whose content changed
 * withdraws any approval of an older version (and, through `withdrawGate`, the gates from
 * "map" on): an approval always names the exact version a person looked at.
 */
import { appendAudit, type AuditActor } from "@/lib/audit/audit-log";
import { versionHash } from "@/lib/mapping/version-hash";
import { withdrawGate } from "@/lib/gates/gate-service";
import type { Db } from "@/lib/server/db";
import { ConflictError } from "@/lib/server/errors";
import { DRAFT_KINDS, DRAFT_LABELS, draftSchemas, type DraftData, type DraftKind } from "./schemas";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface StoredDraft<K extends DraftKind = DraftKind> {
  kind: K;
  data: DraftData[K];
  versionHash: string;
  updatedAt: Date;
}

export interface ApprovalView {
  id: string;
  versionHash: string;
  approvedBy: string;
  approvedAt: Date;
  withdrawnAt: Date | null;
}

/** Serialises every draft write and approval of one migration. */
export async function lockMapping(tx: Tx, migrationId: string): Promise<void> {
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${"mapping:" + migrationId}))`;
}

/** `kinds`: only these are read and parsed (an edit of one draft need not parse the other three). */
export async function readDrafts(client: Db | Tx, migrationId: string, kinds: readonly DraftKind[] = DRAFT_KINDS): Promise<Partial<{ [K in DraftKind]: StoredDraft<K> }>> {
  const rows = await client.mappingDraft.findMany({ where: { migrationId, kind: { in: [...kinds] } } });
  const out: Partial<Record<DraftKind, StoredDraft>> = {};
  for (const r of rows) {
    const kind = r.kind as DraftKind;
    out[kind] = { kind, data: draftSchemas[kind].parse(r.data) as DraftData[DraftKind], versionHash: r.versionHash, updatedAt: r.updatedAt };
  }
  return out as Partial<{ [K in DraftKind]: StoredDraft<K> }>;
}

/** The latest approval per kind (withdrawn ones included, so "approved, then changed" can be told apart). */
export async function readLatestApprovals(client: Db | Tx, migrationId: string): Promise<Partial<Record<DraftKind, ApprovalView>>> {
  const rows = await client.approval.findMany({ where: { migrationId, kind: { in: [...DRAFT_KINDS] } }, orderBy: { approvedAt: "desc" } });
  const out: Partial<Record<DraftKind, ApprovalView>> = {};
  for (const r of rows) {
    const kind = r.kind as DraftKind;
    out[kind] ??= { id: r.id, versionHash: r.versionHash, approvedBy: r.approvedBy, approvedAt: r.approvedAt, withdrawnAt: r.withdrawnAt };
  }
  return out;
}

export interface SaveContext {
  organizationId: string;
  migrationId: string;
  actor: AuditActor;
  /** The version the person edited; a different current version is a conflict. */
  expectedHash?: string;
  /** What happened, for the audit log ("edited", "re-proposed"). */
  action: string;
  detail?: Record<string, unknown>;
}

/**
 * Writes drafts (inside the caller's transaction, after `lockMapping`). Returns the kinds whose
 * approval was withdrawn; the caller then withdraws the gates (outside the transaction).
 */
export async function writeDrafts(tx: Tx, ctx: SaveContext, next: Partial<DraftData>): Promise<DraftKind[]> {
  // Only the stored hashes are compared: reading and parsing the stored data (a 500-field map is
  // ~350 KB) cost an edit more than its own work.
  const rows = await tx.mappingDraft.findMany({ where: { migrationId: ctx.migrationId, kind: { in: DRAFT_KINDS.filter((k) => next[k] !== undefined) } }, select: { kind: true, versionHash: true } });
  const current: Partial<Record<DraftKind, { versionHash: string }>> = Object.fromEntries(rows.map((r) => [r.kind, { versionHash: r.versionHash }]));
  const withdrawn: DraftKind[] = [];
  for (const kind of DRAFT_KINDS) {
    const data = next[kind];
    if (data === undefined) continue;
    const parsed = draftSchemas[kind].parse(data);
    const hash = versionHash(parsed);
    const before = current[kind];
    if (ctx.expectedHash !== undefined && before && before.versionHash !== ctx.expectedHash) {
      throw new ConflictError(`The ${DRAFT_LABELS[kind].toLowerCase()} changed since you loaded it (someone else edited it). Reload to see the current version.`);
    }
    if (before?.versionHash === hash) continue;
    await tx.mappingDraft.upsert({
      where: { migrationId_kind: { migrationId: ctx.migrationId, kind } },
      create: { migrationId: ctx.migrationId, kind, data: parsed as object, versionHash: hash, updatedById: ctx.actor.id },
      update: { data: parsed as object, versionHash: hash, updatedById: ctx.actor.id },
    });
    await appendAudit(tx, {
      organizationId: ctx.organizationId,
      migrationId: ctx.migrationId,
      actor: ctx.actor,
      action: `mapping.${kind}.${ctx.action}`,
      detail: { from: before?.versionHash ?? null, to: hash, ...ctx.detail },
    });
    const active = await tx.approval.findMany({ where: { migrationId: ctx.migrationId, kind, withdrawnAt: null } });
    if (active.length > 0) {
      await tx.approval.updateMany({ where: { id: { in: active.map((a) => a.id) } }, data: { withdrawnAt: new Date() } });
      await appendAudit(tx, {
        organizationId: ctx.organizationId,
        migrationId: ctx.migrationId,
        actor: ctx.actor,
        action: `mapping.${kind}.approval_withdrawn`,
        detail: { approvedVersion: active.map((a) => a.versionHash), newVersion: hash, reason: `${DRAFT_LABELS[kind]} changed after approval` },
      });
      withdrawn.push(kind);
    }
  }
  return withdrawn;
}

/** Saves drafts in one transaction, then withdraws the gates from "map" on if an approval fell. */
export async function saveDrafts(db: Db, ctx: SaveContext, next: Partial<DraftData>): Promise<DraftKind[]> {
  const withdrawn = await db.$transaction(async (tx) => {
    await lockMapping(tx, ctx.migrationId);
    return writeDrafts(tx, ctx, next);
  });
  if (withdrawn.length > 0) {
    const what = withdrawn.map((k) => DRAFT_LABELS[k]).join(", ");
    await withdrawGate(db, ctx.organizationId, ctx.migrationId, "map", ctx.actor, `${what} changed after approval`);
  }
  return withdrawn;
}
