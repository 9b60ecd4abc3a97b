/**
 * Preflight, the service: read the destination now, scan its contacts and accounts for records
 * that already exist, run the checks, keep the result (a BackgroundTask row of kind
 * "preflight"), and complete or withdraw the "preflight" gate.
 */
import { appendAudit } from "@/lib/audit/audit-log";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { listViewPage, listViews } from "@/lib/connectors/freshsales/lookups";
import { discoverMetadata } from "@/lib/connectors/freshsales/metadata";
import type { FsEntity } from "@/lib/connectors/freshsales/wire";
import { assertGateReachable, completeGate, withdrawGate } from "@/lib/gates/gate-service";
import { getMigrationOrThrow } from "@/lib/gates/data";
import type { Db } from "@/lib/server/db";
import { assertAdmin, type ReviewUser } from "./approvals";
import { loadApprovedMapping } from "./approved";
import { openFreshsales } from "./destination-client";
import { checkPreflight, type ExistingRecords, type PreflightResult } from "./preflight-checks";
import { loadCompanyNames, loadDuplicateEmails, loadMatchKeys } from "./source-data";

export const PREFLIGHT_TASK = "preflight";
/** Pages of 100 scanned per entity: 50 pages is 5,000 records for 50 calls of the hourly budget. */
const MAX_PAGES = 50;

function keyOf(entity: FsEntity, fields: Record<string, unknown>): string[] {
  if (entity === "sales_account") return typeof fields.name === "string" ? [fields.name.trim().toLowerCase()] : [];
  const out: string[] = [];
  if (typeof fields.email === "string") out.push(fields.email);
  if (Array.isArray(fields.emails)) {
    for (const e of fields.emails) {
      if (typeof e === "string") out.push(e);
      else if (e && typeof e === "object" && typeof (e as { value?: unknown }).value === "string") out.push((e as { value: string }).value);
    }
  }
  return out.map((e) => e.trim().toLowerCase());
}

async function scan(conn: FreshsalesConnection, entity: FsEntity, source: Map<string, string>) {
  const views = await listViews(conn, entity);
  const all = views.find((v) => /^all\b/i.test(v.name)) ?? views.find((v) => v.isDefault);
  const found = new Map<string, string>();
  // Every key read (account names): made-up names are checked against them too.
  const keys = new Set<string>();
  let scanned = 0;
  let complete = true;
  if (!all) return { found, keys, scanned, complete: false };
  for (let page = 1; ; page++) {
    if (page > MAX_PAGES) {
      complete = false;
      break;
    }
    const res = await listViewPage(conn, entity, all.id, { page, perPage: 100 });
    for (const r of res.records) {
      scanned++;
      for (const k of keyOf(entity, r.fields)) {
        if (entity === "sales_account") keys.add(k);
        const sourceId = source.get(k);
        if (sourceId) found.set(k, sourceId);
      }
    }
    if (res.records.length < 100 || (res.totalPages !== undefined && page >= res.totalPages)) break;
  }
  return { found, keys, scanned, complete };
}

export async function scanExisting(conn: FreshsalesConnection, keys: { contactEmails: Map<string, string>; accountNames: Map<string, string> }): Promise<{ existing: ExistingRecords; accountNames: Set<string> }> {
  const [contacts, accounts] = await Promise.all([scan(conn, "contact", keys.contactEmails), scan(conn, "sales_account", keys.accountNames)]);
  const summary = (m: Map<string, string>) => ({ matching: m.size, examples: [...m].slice(0, 5).map(([key, sourceId]) => ({ key, sourceId })) });
  return {
    existing: {
      contacts: summary(contacts.found),
      accounts: summary(accounts.found),
      scanned: { contacts: contacts.scanned, accounts: accounts.scanned },
      complete: contacts.complete && accounts.complete,
    },
    accountNames: accounts.keys,
  };
}

export async function runPreflight(db: Db, user: ReviewUser, migrationId: string): Promise<PreflightResult> {
  assertAdmin(user);
  await assertGateReachable(db, user.organizationId, migrationId, "preflight");
  const approved = await loadApprovedMapping(db, user.organizationId, migrationId);
  const conn = await openFreshsales(db, user.organizationId, migrationId);
  let result: PreflightResult;
  try {
    const [metadata, duplicates, keys, companies] = await Promise.all([discoverMetadata(conn), loadDuplicateEmails(db, migrationId), loadMatchKeys(db, migrationId), loadCompanyNames(db, migrationId)]);
    await db.destinationSnapshot.upsert({
      where: { migrationId },
      create: { migrationId, data: metadata as unknown as object },
      update: { data: metadata as unknown as object, fetchedAt: new Date() },
    });
    const { existing, accountNames } = await scanExisting(conn, keys);
    result = checkPreflight({ approved, metadata, duplicates, existing, companies, destinationAccountNames: accountNames });
  } finally {
    conn.close();
  }
  const t = result.toCreate;
  await db.$transaction(async (tx) => {
    await tx.backgroundTask.create({
      data: { organizationId: user.organizationId, migrationId, kind: PREFLIGHT_TASK, status: result.passed ? "passed" : "failed", result: result as unknown as object, finishedAt: new Date() },
    });
    await appendAudit(tx, {
      organizationId: user.organizationId,
      migrationId,
      actor: user,
      action: result.passed ? "preflight.passed" : "preflight.failed",
      detail: { versions: result.versions, fields: t.fields.length, choices: t.choices.length, pipelines: t.pipelines.length, stages: t.stages.length, users: t.users.length, problems: result.problems.length, sharedAccountNames: result.accountNames?.groups ?? 0 },
    });
  });
  if (result.passed) await completeGate(db, user.organizationId, migrationId, "preflight", user);
  else await withdrawGate(db, user.organizationId, migrationId, "preflight", user, "preflight re-check failed");
  return result;
}

/** The last preflight of the migration, or null; another organisation's migration is not found. */
export async function latestPreflight(db: Db, organizationId: string, migrationId: string): Promise<PreflightResult | null> {
  await getMigrationOrThrow(db, organizationId, migrationId);
  const row = await db.backgroundTask.findFirst({ where: { organizationId, migrationId, kind: PREFLIGHT_TASK }, orderBy: { createdAt: "desc" } });
  return (row?.result as PreflightResult | null | undefined) ?? null;
}
