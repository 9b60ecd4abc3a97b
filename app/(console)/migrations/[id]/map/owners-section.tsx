"use client";

import { useAction } from "next-safe-action/hooks";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { editOwnersAction } from "@/lib/mapping/review/actions";
import { ApproveButton } from "./approval-controls";
import { useMapCallbacks } from "./map-query";
import type { SectionProps } from "./map-review";

const STATUS = {
  matched: { tone: "success", label: "matched" },
  unmatched: { tone: "warning", label: "unmatched" },
  new_user_required: { tone: "danger", label: "new user required" },
  inactive: { tone: "neutral", label: "inactive" },
} as const;
const OBJECTS = ["company", "contact", "deal", "activity", "attachment"] as const;

/** Every source user: email, records owned per object, status, proposed Freshsales user, confirmation. */
export function OwnersSection({ migrationId, view, canEdit }: SectionProps) {
  const draft = view.drafts.owners!;
  const { report, resolution } = draft.data;
  const edit = useAction(editOwnersAction, useMapCallbacks(migrationId, "Owner resolution saved"));
  const active = view.destination.owners.filter((o) => o.active);
  const send = (input: { fallbackOwnerId?: string | number | null; edits?: { sourceUserId: string; destinationOwnerId?: string | number | null; confirmed?: boolean }[]; confirmAll?: boolean }) =>
    edit.execute({ migrationId, expectedHash: draft.versionHash, edits: [], ...input });
  const unconfirmed = report.rows.filter((r) => r.totalOwned > 0 && !resolution.owners[r.sourceUserId]?.confirmed).length;
  const needsFallback = resolution.fallbackOwnerId === null && report.rows.some((r) => r.totalOwned > 0 && resolution.owners[r.sourceUserId]?.destinationOwnerId === null);
  const blockers = [unconfirmed > 0 ? `${unconfirmed} owners to confirm` : "", needsFallback ? "choose a fallback owner" : ""].filter(Boolean).join("; ");

  return (
    <Card id="owners">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">Owner resolution</h2>
          <p className="mt-1 text-sm" role="status">
            {report.rows.length} Visual Practice users: {Object.entries(report.summary).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k.replace(/_/g, " ")}`).join(", ")}.
          </p>
        </div>
        <ApproveButton migrationId={migrationId} kind="owners" versionHash={draft.versionHash} state={view.approvals.owners} canEdit={canEdit} blockers={blockers ? `First: ${blockers}.` : undefined} />
      </div>
      <div className="mt-4 flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="mb-1 block font-medium">Fallback owner (records of unmatched, inactive and missing users)</span>
          <select className={inputClass} disabled={!canEdit || edit.isExecuting} value={String(resolution.fallbackOwnerId ?? "")} onChange={(e) => send({ fallbackOwnerId: e.target.value === "" ? null : Number(e.target.value) })}>
            <option value="">(none chosen)</option>
            {active.map((o) => <option key={o.id} value={String(o.id)}>{o.name} ({o.email})</option>)}
          </select>
        </label>
        {canEdit && <Button variant="secondary" onClick={() => send({ confirmAll: true })} disabled={edit.isExecuting}>Confirm all as shown</Button>}
        <a className={buttonClass("ghost")} href={`/api/migrations/${encodeURIComponent(migrationId)}/map/owners-csv`} download>Download CSV</a>
      </div>
      <div className="mt-4 overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-xs uppercase text-zinc-600 dark:text-zinc-400">
              <th className="py-1 pr-2">User</th>
              <th className="py-1 pr-2">Status</th>
              {OBJECTS.map((o) => <th key={o} className="py-1 pr-2 text-right">{o}s</th>)}
              <th className="py-1 pr-2">Freshsales user</th>
              <th className="py-1">Confirmed</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => {
              const entry = resolution.owners[r.sourceUserId];
              return (
                <tr key={r.sourceUserId} className="border-t border-zinc-100 align-top dark:border-zinc-800" data-owner={r.email ?? r.sourceUserId}>
                  <td className="py-1.5 pr-2">
                    <span className="block">{r.name}</span>
                    <span className="block text-xs text-zinc-600 dark:text-zinc-400">{r.email ?? "no email"}</span>
                  </td>
                  <td className="py-1.5 pr-2" title={r.reason}>
                    <Badge tone={STATUS[r.status].tone}>{STATUS[r.status].label}</Badge>
                    <span className="mt-1 block max-w-xs text-xs text-zinc-600 dark:text-zinc-400">{r.reason}</span>
                  </td>
                  {OBJECTS.map((o) => <td key={o} className="py-1.5 pr-2 text-right tabular-nums">{r.ownedRecords[o] ?? 0}</td>)}
                  <td className="py-1.5 pr-2">
                    <select aria-label={`Freshsales user for ${r.email ?? r.name}`} className={inputClass} disabled={!canEdit || edit.isExecuting} value={String(entry?.destinationOwnerId ?? "")} onChange={(e) => send({ edits: [{ sourceUserId: r.sourceUserId, destinationOwnerId: e.target.value === "" ? null : Number(e.target.value) }] })}>
                      <option value="">The fallback owner</option>
                      {active.map((o) => <option key={o.id} value={String(o.id)}>{o.name} ({o.email})</option>)}
                    </select>
                  </td>
                  <td className="py-1.5">
                    <input type="checkbox" aria-label={`Confirm owner for ${r.email ?? r.name}`} disabled={!canEdit || edit.isExecuting} checked={entry?.confirmed ?? false} onChange={(e) => send({ edits: [{ sourceUserId: r.sourceUserId, confirmed: e.target.checked }] })} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
