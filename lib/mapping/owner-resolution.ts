/**
 * Owner resolution: Visual Practice users to Freshsales users by email, with the records each
 * owns, a status per user and a fallback owner for the rest. No record is written without a
 * confirmed owner: `ownerFor` throws, and the server refuses the record.
 */
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import type { SourceObject } from "@/lib/inventory/types";

export interface SourceUser {
  id: string;
  email: string | null;
  first_name?: string | null;
  last_name?: string | null;
  active: boolean;
}

export interface DestinationOwner {
  id: string | number;
  email: string;
  display_name?: string;
  is_active: boolean;
}

/** Records owned per source user id (owner_id, uploaded_by), per object. */
export type OwnedCounts = Record<string, Partial<Record<SourceObject, number>>>;

export type OwnerStatus = "matched" | "unmatched" | "new_user_required" | "inactive";
type OwnerId = string | number;

export interface OwnerResolutionRow {
  sourceUserId: string;
  name: string;
  email: string | null;
  ownedRecords: Partial<Record<SourceObject, number>>;
  totalOwned: number;
  status: OwnerStatus;
  /** The matched Freshsales user, or the fallback owner for everything else. */
  proposedOwnerId: OwnerId | null;
  proposedOwnerEmail: string | null;
  reason: string;
}

export interface OwnerReport {
  rows: OwnerResolutionRow[];
  fallbackOwnerId: OwnerId | null;
  summary: Record<OwnerStatus, number>;
}

const normEmail = (e: string | null | undefined) => {
  const s = (e ?? "").trim().toLowerCase();
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s) ? s : null;
};

export function resolveOwners(sourceUsers: SourceUser[], ownedCounts: OwnedCounts, destinationOwners: DestinationOwner[], fallbackOwnerId?: OwnerId): OwnerReport {
  const byEmail = new Map<string, DestinationOwner>();
  for (const o of destinationOwners) {
    const e = normEmail(o.email);
    // With duplicate emails, an active user wins over a deactivated one.
    if (e && (!byEmail.has(e) || (o.is_active && !byEmail.get(e)?.is_active))) byEmail.set(e, o);
  }
  const fallback = fallbackOwnerId === undefined ? undefined : destinationOwners.find((o) => o.id === fallbackOwnerId);
  if (fallbackOwnerId !== undefined && (!fallback || !fallback.is_active)) {
    throw new Error(`fallback owner ${fallbackOwnerId} is not an active Freshsales user`);
  }
  const fallbackTo = fallback ? `records go to the fallback owner ${fallback.email}` : "no fallback owner chosen yet";
  const known = new Set(sourceUsers.map((u) => u.id));
  const orphans: SourceUser[] = Object.keys(ownedCounts)
    .filter((id) => !known.has(id))
    .map((id) => ({ id, email: null, active: false }));

  const rows = [...sourceUsers, ...orphans].map((u): OwnerResolutionRow => {
    const owned = ownedCounts[u.id] ?? {};
    const totalOwned = Object.values(owned).reduce((t, n) => t + (n ?? 0), 0);
    const email = normEmail(u.email);
    const name = [u.first_name, u.last_name].filter(Boolean).join(" ") || (known.has(u.id) ? u.id : `(unknown user ${u.id})`);
    const match = email ? byEmail.get(email) : undefined;
    const row = { sourceUserId: u.id, name, email: u.email ?? null, ownedRecords: owned, totalOwned };
    const toFallback = { proposedOwnerId: fallback?.id ?? null, proposedOwnerEmail: fallback?.email ?? null };
    if (match?.is_active) {
      return { ...row, status: "matched", proposedOwnerId: match.id, proposedOwnerEmail: match.email, reason: `same email as Freshsales user ${match.email}` };
    }
    if (match) {
      return { ...row, status: "inactive", ...toFallback, reason: `Freshsales user ${match.email} is deactivated: reactivate them, or ${fallbackTo}` };
    }
    if (!known.has(u.id)) {
      return { ...row, status: "unmatched", ...toFallback, reason: `owner id on ${totalOwned} records no longer exists in Visual Practice; ${fallbackTo}` };
    }
    if (!u.active) {
      return { ...row, status: "inactive", ...toFallback, reason: `deactivated in Visual Practice and not in Freshsales; ${fallbackTo}` };
    }
    if (!email) {
      return { ...row, status: "unmatched", ...toFallback, reason: `no valid email to match (${JSON.stringify(u.email)}); ${fallbackTo}` };
    }
    if (totalOwned > 0) {
      return { ...row, status: "new_user_required", ...toFallback, reason: `owns ${totalOwned} records and has no Freshsales user: create ${email}, or ${fallbackTo}` };
    }
    return { ...row, status: "unmatched", ...toFallback, reason: `no Freshsales user with this email and owns no records` };
  });
  const summary: Record<OwnerStatus, number> = { matched: 0, unmatched: 0, new_user_required: 0, inactive: 0 };
  for (const r of rows) summary[r.status]++;
  return { rows, fallbackOwnerId: fallback?.id ?? null, summary };
}

const OBJECTS: SourceObject[] = ["company", "contact", "deal", "activity", "attachment", "product"];

/** The pre-flight owner report as CSV, one row per Visual Practice owner. */
export function ownerReportCsv(report: OwnerReport): string {
  const header = ["source_user_id", "name", "email", "status", ...OBJECTS.map((o) => `${o}_records`), "total_records", "proposed_owner_id", "proposed_owner_email", "reason"];
  const rows = report.rows.map((r) => [
    r.sourceUserId, r.name, r.email ?? "", r.status, ...OBJECTS.map((o) => r.ownedRecords[o] ?? 0), r.totalOwned,
    r.proposedOwnerId ?? "", r.proposedOwnerEmail ?? "", r.reason,
  ]);
  return stringify([header, ...rows]);
}

const ownerIdSchema = z.union([z.string().min(1), z.number().int()]);

/** What the admin confirms: per source user, the Freshsales owner (null = the fallback). */
export const confirmedOwnerResolutionSchema = z.object({
  fallbackOwnerId: ownerIdSchema.nullable(),
  owners: z.record(z.string(), z.object({ destinationOwnerId: ownerIdSchema.nullable(), confirmed: z.boolean() })),
});
export type ConfirmedOwnerResolution = z.infer<typeof confirmedOwnerResolutionSchema>;

/** The report as an unconfirmed draft for the admin to edit and confirm. */
export function draftResolution(report: OwnerReport): ConfirmedOwnerResolution {
  const owners: ConfirmedOwnerResolution["owners"] = {};
  for (const r of report.rows) {
    owners[r.sourceUserId] = { destinationOwnerId: r.status === "matched" ? r.proposedOwnerId : null, confirmed: false };
  }
  return { fallbackOwnerId: report.fallbackOwnerId, owners };
}

export class OwnerNotConfirmedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OwnerNotConfirmedError";
  }
}

/** The Freshsales owner of one record, or an error: nothing is written without a confirmed owner. */
export function ownerFor(sourceOwnerId: string | null | undefined, resolution: ConfirmedOwnerResolution): OwnerId {
  const fallback = (why: string): OwnerId => {
    if (resolution.fallbackOwnerId === null) throw new OwnerNotConfirmedError(`${why} and no fallback owner is confirmed`);
    return resolution.fallbackOwnerId;
  };
  if (!sourceOwnerId) return fallback("the record has no owner");
  const entry = resolution.owners[sourceOwnerId];
  if (!entry) throw new OwnerNotConfirmedError(`owner ${sourceOwnerId} is not in the confirmed owner resolution; re-run owner resolution`);
  if (!entry.confirmed) throw new OwnerNotConfirmedError(`owner ${sourceOwnerId} is not confirmed yet`);
  return entry.destinationOwnerId ?? fallback(`owner ${sourceOwnerId} is confirmed to the fallback owner`);
}
