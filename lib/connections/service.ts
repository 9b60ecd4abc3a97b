import { randomUUID } from "node:crypto";
import { appendAudit, type AuditActor } from "@/lib/audit/audit-log";
import { Prisma, type Connection } from "@/lib/generated/prisma/client";
import type { ConnectionKind } from "@/lib/generated/prisma/enums";
import { assertGateReachable, completeGate, withdrawGate } from "@/lib/gates/gate-service";
import type { Db } from "@/lib/server/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { logger } from "@/lib/server/logger";
import { parseFreshsalesAddress, parseVisualPracticeAddress } from "./addresses";
import { validateBundle } from "./bundle";
import { bundlePath, removeBundle } from "./bundle-store";
import { findConnection, toView } from "./data";
import { bundleFindings, probeConnection } from "./probe";
import type { ConnectionPlan } from "./plans";
import { sealSecret } from "./secrets";
import type { ConnectionView, TestSummary } from "./types";

/** The signed-in admin acting on their own organisation. */
export interface Acting extends AuditActor {
  organizationId: string;
}

interface Settings {
  mode: "api" | "bundle";
  baseUrl: string | null;
  plan: string | null;
  callsPerHour: number | null;
  bundleKey: string | null;
  bundleName: string | null;
  bundleBytes: bigint | null;
}

const UNTESTED = { lastTestOk: null, lastTestSummary: Prisma.DbNull, lastTestedAt: null } as const;

export function saveVisualPracticeApi(db: Db, user: Acting, migrationId: string, input: { baseUrl: string; token?: string }) {
  const settings: Settings = { mode: "api", baseUrl: parseVisualPracticeAddress(input.baseUrl), plan: null, callsPerHour: null, bundleKey: null, bundleName: null, bundleBytes: null };
  return saveConnection(db, user, migrationId, "VISUAL_PRACTICE", settings, input.token);
}

export function saveFreshsales(db: Db, user: Acting, migrationId: string, input: { domain: string; apiKey?: string; plan: ConnectionPlan; callsPerHour?: number | null }) {
  const settings: Settings = { mode: "api", baseUrl: parseFreshsalesAddress(input.domain), plan: input.plan, callsPerHour: input.callsPerHour ?? null, bundleKey: null, bundleName: null, bundleBytes: null };
  return saveConnection(db, user, migrationId, "FRESHSALES", settings, input.apiKey);
}

/**
 * Saves an uploaded bundle as the migration's Visual Practice connection, but only once it
 * has been read whole: a bad bundle is deleted and its error (file and line) thrown before
 * anything is saved. The read is the connection's test, so its outcome is stored at once.
 */
export async function saveVisualPracticeBundle(db: Db, user: Acting, migrationId: string, upload: { key: string; name: string; bytes: number }) {
  try {
    await assertGateReachable(db, user.organizationId, migrationId, "connect");
    const findings = bundleFindings(await validateBundle(bundlePath(upload.key)));
    const settings: Settings = { mode: "bundle", baseUrl: null, plan: null, callsPerHour: null, bundleKey: upload.key, bundleName: upload.name, bundleBytes: BigInt(upload.bytes) };
    await saveConnection(db, user, migrationId, "VISUAL_PRACTICE", settings, undefined);
    return await recordTest(db, user, migrationId, "VISUAL_PRACTICE", findings);
  } catch (error) {
    // Unsaved, or saved and then failed to record: either way no row may point at a deleted file.
    const row = await findConnection(db, user.organizationId, migrationId, "VISUAL_PRACTICE").catch(() => null);
    if (row?.bundleKey !== upload.key) await removeBundle(upload.key);
    throw error;
  }
}

async function saveConnection(db: Db, user: Acting, migrationId: string, kind: ConnectionKind, settings: Settings, secret: string | undefined): Promise<ConnectionView> {
  const { organizationId } = user;
  await assertGateReachable(db, organizationId, migrationId, "connect");
  const existing = await findConnection(db, organizationId, migrationId, kind);
  const newSecret = secret?.trim() ? secret.trim() : undefined;
  if (settings.mode === "api" && !newSecret && !existing?.secretCiphertext) {
    throw new ValidationError(kind === "FRESHSALES" ? "Enter the Freshsales API key" : "Enter the Visual Practice API token");
  }
  if (existing && !newSecret && sameSettings(existing, settings)) return toView(existing);

  const id = existing?.id ?? `conn_${randomUUID().replace(/-/g, "")}`;
  const secretCiphertext = settings.mode === "bundle" ? null : newSecret ? sealSecret(id, newSecret) : existing!.secretCiphertext;
  const data = { ...settings, secretCiphertext, ...UNTESTED };
  const detail = { kind, mode: settings.mode, baseUrl: settings.baseUrl, plan: settings.plan, callsPerHour: settings.callsPerHour, bundleName: settings.bundleName, secretChanged: Boolean(newSecret) };
  let saved: Connection;
  try {
    saved = await db.$transaction(async (tx) => {
      const row = existing
        ? await tx.connection.update({ where: { id: existing.id, organizationId }, data })
        : await tx.connection.create({ data: { id, organizationId, migrationId, kind, ...data } });
      await appendAudit(tx, { organizationId, migrationId, actor: user, action: existing ? "connection.updated" : "connection.created", detail });
      return row;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new ConflictError("Someone else just saved this connection; reload the page.");
    throw error;
  }
  if (existing) {
    // What was proved against the old settings no longer holds.
    await withdrawGate(db, organizationId, migrationId, "connect", user, `${kind === "FRESHSALES" ? "Freshsales" : "Visual Practice"} connection changed`);
    if (existing.bundleKey && existing.bundleKey !== settings.bundleKey) await removeQuietly(existing.bundleKey);
  }
  return toView(saved);
}

function sameSettings(row: Connection, s: Settings): boolean {
  return row.mode === s.mode && row.baseUrl === s.baseUrl && row.plan === s.plan && row.callsPerHour === s.callsPerHour && row.bundleKey === s.bundleKey;
}

/** Runs the connection's test through the connectors, stores the outcome, and completes the gate when both pass. */
export async function testConnection(db: Db, user: Acting, migrationId: string, kind: ConnectionKind): Promise<ConnectionView> {
  await assertGateReachable(db, user.organizationId, migrationId, "connect");
  const row = await findConnection(db, user.organizationId, migrationId, kind);
  if (!row) throw new NotFoundError("Connection");
  return recordTest(db, user, migrationId, kind, await probeConnection(db, row));
}

async function recordTest(db: Db, user: Acting, migrationId: string, kind: ConnectionKind, summary: TestSummary): Promise<ConnectionView> {
  const { organizationId } = user;
  const saved = await db.$transaction(async (tx) => {
    const row = await tx.connection.findFirst({ where: { organizationId, migrationId, kind } });
    if (!row) throw new NotFoundError("Connection");
    const updated = await tx.connection.update({
      where: { id: row.id, organizationId },
      data: { lastTestOk: summary.ok, lastTestSummary: summary as unknown as Prisma.InputJsonValue, lastTestedAt: new Date() },
    });
    await appendAudit(tx, { organizationId, migrationId, actor: user, action: "connection.tested", detail: { kind, ok: summary.ok, message: summary.message } });
    return updated;
  });
  // A failed re-test is shown, not acted on: a passing gate is only withdrawn by a change of settings.
  if (summary.ok) {
    const passed = await db.connection.count({ where: { organizationId, migrationId, lastTestOk: true } });
    if (passed === 2) await completeGate(db, organizationId, migrationId, "connect", user);
  }
  return toView(saved);
}

export async function deleteConnection(db: Db, user: Acting, migrationId: string, kind: ConnectionKind): Promise<void> {
  const { organizationId } = user;
  await assertGateReachable(db, organizationId, migrationId, "connect");
  const row = await findConnection(db, organizationId, migrationId, kind);
  if (!row) throw new NotFoundError("Connection");
  await db.$transaction(async (tx) => {
    await tx.connection.delete({ where: { id: row.id, organizationId } });
    await appendAudit(tx, { organizationId, migrationId, actor: user, action: "connection.deleted", detail: { kind, mode: row.mode } });
  });
  await withdrawGate(db, organizationId, migrationId, "connect", user, `${kind === "FRESHSALES" ? "Freshsales" : "Visual Practice"} connection deleted`);
  await removeQuietly(row.bundleKey);
}

/** A leftover file costs disk, not correctness; the row is already gone or replaced. */
async function removeQuietly(key: string | null): Promise<void> {
  await removeBundle(key).catch((err: unknown) => logger.warn({ err, key }, "could not remove an old bundle file"));
}
