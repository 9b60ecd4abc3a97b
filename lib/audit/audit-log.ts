import type { Db } from "@/lib/server/db";
import { GENESIS_HASH, eventHash, findBrokenLink, type StoredEvent } from "./hash";

export interface AuditActor {
  id: string | null;
  email: string | null;
}

export interface AuditInput {
  organizationId: string;
  migrationId?: string | null;
  actor: AuditActor;
  action: string;
  detail?: Record<string, unknown>;
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Appends one event to the organisation's chain. An advisory lock per organisation
 * serialises appends, so two concurrent writers cannot both claim the same `seq`; pass
 * `tx` to make the event part of the caller's transaction.
 */
export async function appendAudit(client: Db | Tx, input: AuditInput): Promise<void> {
  const run = async (tx: Tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${"audit:" + input.organizationId}))`;
    const last = await tx.auditEvent.findFirst({
      where: { organizationId: input.organizationId },
      orderBy: { seq: "desc" },
      select: { seq: true, hash: true },
    });
    const createdAt = new Date();
    const fields = {
      organizationId: input.organizationId,
      seq: (last?.seq ?? 0) + 1,
      migrationId: input.migrationId ?? null,
      actorId: input.actor.id,
      actorEmail: input.actor.email,
      action: input.action,
      detail: input.detail ?? {},
      createdAt: createdAt.toISOString(),
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    await tx.auditEvent.create({
      data: { ...fields, detail: fields.detail as object, createdAt, hash: eventHash(fields) },
    });
  };
  if ("$transaction" in client) await (client as Db).$transaction(run);
  else await run(client as Tx);
}

export async function verifyAuditChain(client: Db, organizationId: string) {
  const rows = await client.auditEvent.findMany({ where: { organizationId }, orderBy: { seq: "asc" } });
  const events: StoredEvent[] = rows.map((r) => ({
    organizationId: r.organizationId,
    seq: r.seq,
    migrationId: r.migrationId,
    actorId: r.actorId,
    actorEmail: r.actorEmail,
    action: r.action,
    detail: r.detail,
    createdAt: r.createdAt.toISOString(),
    prevHash: r.prevHash,
    hash: r.hash,
  }));
  return { checked: events.length, broken: findBrokenLink(events) };
}

/** A migration's events, newest first (the audit page shows the latest 500). */
export async function migrationEvents(client: Db, organizationId: string, migrationId: string, take = 500) {
  return client.auditEvent.findMany({ where: { organizationId, migrationId }, orderBy: { seq: "desc" }, take });
}
