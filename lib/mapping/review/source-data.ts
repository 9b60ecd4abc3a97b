/**
 * What the Map step reads from the source side: the inventory's field profiles and, from
 * staging, users, pipelines, records owned per user, and the contact emails and account names
 * the preflight compares with the destination, and the companies that share a name. Callers check the migration's organisation first
 * (staging rows are keyed by migration only).
 */
import { OBJECT_OF_COLLECTION, type FieldProfile } from "@/lib/inventory/types";
import { duplicateNameGroups, type NamedCompany } from "@/lib/mapping/account-names";
import type { OwnedCounts, SourceUser } from "@/lib/mapping/owner-resolution";
import type { SourcePipeline } from "@/lib/mapping/stage-map";
import type { Db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";

const OBJECT_OF = OBJECT_OF_COLLECTION;

export async function loadProfiles(db: Db, migrationId: string): Promise<FieldProfile[]> {
  const inventory = await db.inventory.findUnique({ where: { migrationId }, select: { profiles: true } });
  if (!inventory) throw new AppError("Run the inventory first: the field map is proposed from its field profiles.", 409, "no_inventory");
  return inventory.profiles as unknown as FieldProfile[];
}

async function staged(db: Db, migrationId: string, collection: string): Promise<Record<string, unknown>[]> {
  const rows = await db.stagedRecord.findMany({ where: { migrationId, collection, deleted: false }, orderBy: { sourceId: "asc" }, select: { data: true } });
  return rows.map((r) => r.data as Record<string, unknown>);
}

const str = (v: unknown): string | null => (typeof v === "string" ? v : typeof v === "number" ? String(v) : null);

export async function loadSourceUsers(db: Db, migrationId: string): Promise<SourceUser[]> {
  return (await staged(db, migrationId, "users")).flatMap((u) => {
    const id = str(u.id);
    return id ? [{ id, email: str(u.email), first_name: str(u.first_name), last_name: str(u.last_name), active: u.active !== false }] : [];
  });
}

export async function loadSourcePipelines(db: Db, migrationId: string): Promise<SourcePipeline[]> {
  return (await staged(db, migrationId, "pipelines")).flatMap((p) => {
    const id = str(p.id);
    if (!id) return [];
    const stages = (Array.isArray(p.stages) ? p.stages : []).flatMap((raw, i) => {
      const s = raw as Record<string, unknown>;
      const sid = str(s?.id);
      if (!sid) return [];
      return [{
        id: sid,
        name: str(s.name) ?? sid,
        position: typeof s.position === "number" ? s.position : i,
        probability: typeof s.probability === "number" ? s.probability : null,
        is_won: s.is_won === true,
        is_lost: s.is_lost === true,
      }];
    });
    return [{ id, name: str(p.name) ?? id, is_default: p.is_default === true, stages }];
  });
}

/** Live records per owner and object; attachments count by `uploaded_by`. */
export async function loadOwnedCounts(db: Db, migrationId: string): Promise<OwnedCounts> {
  const rows = await db.$queryRaw<{ collection: string; owner: string; n: number }[]>`
    SELECT collection, coalesce(data->>'owner_id', data->>'uploaded_by') AS owner, count(*)::int AS n
      FROM "StagedRecord"
     WHERE "migrationId" = ${migrationId} AND deleted = false
       AND collection IN ('companies', 'contacts', 'deals', 'activities', 'attachments', 'products')
       AND coalesce(data->>'owner_id', data->>'uploaded_by') IS NOT NULL
     GROUP BY 1, 2`;
  const out: OwnedCounts = {};
  for (const r of rows) {
    const object = OBJECT_OF[r.collection];
    if (!object) continue;
    const per = (out[r.owner] ??= {});
    per[object] = (per[object] ?? 0) + Number(r.n);
  }
  return out;
}

export interface DuplicateEmails {
  /** Emails held by more than one live source contact. */
  groups: number;
  /** Contacts beyond the first of each group: what "first wins" skips, "merge" folds in, "keep apart" writes without the email. */
  extraContacts: number;
  examples: { email: string; contactIds: string[] }[];
}

export async function loadDuplicateEmails(db: Db, migrationId: string): Promise<DuplicateEmails> {
  const rows = await db.$queryRaw<{ email: string; ids: string[]; n: number }[]>`
    SELECT lower(trim(data->>'email')) AS email, array_agg("sourceId" ORDER BY "sourceId") AS ids, count(*)::int AS n
      FROM "StagedRecord"
     WHERE "migrationId" = ${migrationId} AND collection = 'contacts' AND deleted = false
       AND coalesce(trim(data->>'email'), '') <> ''
     GROUP BY 1 HAVING count(*) > 1
     ORDER BY 3 DESC, 1`;
  return {
    groups: rows.length,
    extraContacts: rows.reduce((t, r) => t + Number(r.n) - 1, 0),
    examples: rows.slice(0, 5).map((r) => ({ email: r.email, contactIds: r.ids.slice(0, 5) })),
  };
}

/** Lower-cased keys (contact emails, account names) of live source records, with one source id each. */
export async function loadMatchKeys(db: Db, migrationId: string): Promise<{ contactEmails: Map<string, string>; accountNames: Map<string, string> }> {
  const rows = await db.$queryRaw<{ collection: string; key: string; id: string }[]>`
    SELECT collection, lower(trim(CASE WHEN collection = 'contacts' THEN data->>'email' ELSE data->>'name' END)) AS key, min("sourceId") AS id
      FROM "StagedRecord"
     WHERE "migrationId" = ${migrationId} AND collection IN ('contacts', 'companies') AND deleted = false
     GROUP BY 1, 2`;
  const contactEmails = new Map<string, string>();
  const accountNames = new Map<string, string>();
  for (const r of rows) {
    if (!r.key) continue;
    (r.collection === "contacts" ? contactEmails : accountNames).set(r.key, r.id);
  }
  return { contactEmails, accountNames };
}

export interface DuplicateAccountNames {
  /** Names held by more than one live source company (case-insensitive, trimmed). */
  groups: number;
  /** Companies beyond the first of each name: those the account-name policy renames or skips. */
  extraAccounts: number;
  /** The largest groups first, at most `MAX_NAME_GROUPS` of them. */
  examples: { name: string; count: number; sourceIds: string[]; cities: (string | null)[] }[];
}

/** Enough to act on in the preflight page; the counts above cover every group. */
export const MAX_NAME_GROUPS = 50;

/** Id, name and city of every live source company: the input of the account-name policy. */
export async function loadCompanyNames(db: Db, migrationId: string): Promise<NamedCompany[]> {
  return db.$queryRaw<NamedCompany[]>`
    SELECT "sourceId" AS id, data->>'name' AS name, nullif(trim(data->>'city'), '') AS city
      FROM "StagedRecord"
     WHERE "migrationId" = ${migrationId} AND collection = 'companies' AND deleted = false`;
}

export function summariseNameGroups(companies: readonly NamedCompany[]): DuplicateAccountNames {
  const groups = duplicateNameGroups(companies);
  return {
    groups: groups.length,
    extraAccounts: groups.reduce((t, g) => t + g.ids.length - 1, 0),
    examples: groups.slice(0, MAX_NAME_GROUPS).map((g) => ({ name: g.name, count: g.ids.length, sourceIds: g.ids, cities: g.cities })),
  };
}
