"use client";

import { useAction } from "next-safe-action/hooks";
import { useId, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { CONFIDENCE_BANDS } from "@/lib/mapping/confidence-bands";
import { acceptHighConfidenceAction } from "@/lib/mapping/review/actions";
import { filterMappings, HIGH_CONFIDENCE, NO_FILTER, summarise, type FieldFilter } from "@/lib/mapping/review/field-table-model";
import { ApproveButton } from "./approval-controls";
import { FieldMapTable, type FieldMapTableHandle } from "./field-map-table";
import { useMapCallbacks } from "./map-query";
import type { SectionProps } from "./map-review";
import { MappingEditor } from "./mapping-editor";

const OBJECTS = ["company", "contact", "deal", "activity", "product"] as const;

export function FieldMapSection({ migrationId, view, canEdit }: SectionProps) {
  const draft = view.drafts.fieldMap!;
  const mappings = draft.data.mappings;
  const [filter, setFilter] = useState<FieldFilter>(NO_FILTER);
  const [active, setActive] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const tableRef = useRef<FieldMapTableHandle>(null);
  // The filters' labels point at their controls rather than wrap them: a wrapping label's text
  // would also hold every option ("StatusAny statusUndecided…"), so it would not read as "Status".
  const ids = useId();
  const rows = useMemo(() => filterMappings(mappings, filter), [mappings, filter]);
  const summary = useMemo(() => summarise(mappings), [mappings]);
  const bulk = useAction(acceptHighConfidenceAction, useMapCallbacks(migrationId, "High-confidence proposals accepted"));
  const highInView = rows.filter((m) => m.status === "proposed" && m.confidence >= HIGH_CONFIDENCE);
  const open = openId ? mappings.find((m) => m.id === openId) : undefined;
  const set = (patch: Partial<FieldFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setActive(0);
  };
  const close = () => {
    setOpenId(null);
    tableRef.current?.focus();
  };

  return (
    <Card id="fieldMap">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">Field map</h2>
          <p className="mt-1 text-sm" role="status" aria-live="polite" data-testid="undecided-count">
            <strong>{summary.undecided}</strong> of {summary.total} mappings still undecided · {summary.byStatus.accepted} accepted · {summary.byStatus.edited} edited · {summary.byStatus.rejected} left out
          </p>
        </div>
        <ApproveButton
          migrationId={migrationId}
          kind="fieldMap"
          versionHash={draft.versionHash}
          state={view.approvals.fieldMap}
          canEdit={canEdit}
          blockers={summary.undecided > 0 ? `Decide the ${summary.undecided} remaining mappings first.` : undefined}
        />
      </div>

      <div className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div className="text-sm">
          <label htmlFor={`${ids}-search`} className="mb-1 block font-medium">Search</label>
          <input id={`${ids}-search`} type="search" className={inputClass} value={filter.search} onChange={(e) => set({ search: e.target.value })} placeholder="field, label, target, reason" />
        </div>
        <div className="text-sm">
          <label htmlFor={`${ids}-object`} className="mb-1 block font-medium">Object</label>
          <select id={`${ids}-object`} className={inputClass} value={filter.object} onChange={(e) => set({ object: e.target.value })}>
            <option value="all">All objects</option>
            {OBJECTS.map((o) => <option key={o} value={o}>{o}</option>)}
          </select>
        </div>
        <div className="text-sm">
          <label htmlFor={`${ids}-band`} className="mb-1 block font-medium">Confidence</label>
          <select id={`${ids}-band`} className={inputClass} value={filter.band} onChange={(e) => set({ band: e.target.value as FieldFilter["band"] })}>
            <option value="all">Any confidence</option>
            <option value="high">High (90% and above)</option>
            <option value="medium">Medium (60–89%)</option>
            <option value="low">Low (below 60%)</option>
          </select>
        </div>
        <div className="text-sm">
          <label htmlFor={`${ids}-status`} className="mb-1 block font-medium">Status</label>
          <select id={`${ids}-status`} className={inputClass} value={filter.status} onChange={(e) => set({ status: e.target.value as FieldFilter["status"] })}>
            <option value="all">Any status</option>
            <option value="undecided">Undecided</option>
            <option value="accepted">Accepted</option>
            <option value="edited">Edited</option>
            <option value="rejected">Left out</option>
          </select>
        </div>
      </div>

      <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">
        What confidence means: {CONFIDENCE_BANDS.map((b) => `${b.label}: ${b.meaning}`).join(". ")}.
      </p>

      <div className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm">
        <span className="text-zinc-600 dark:text-zinc-400">
          Showing {rows.length} of {mappings.length}. Arrow keys move, Enter edits, Escape closes.
        </span>
        {canEdit && (
          <Button
            variant="secondary"
            disabled={highInView.length === 0 || bulk.isExecuting}
            onClick={() => bulk.execute({ migrationId, expectedHash: draft.versionHash, minConfidence: HIGH_CONFIDENCE, ids: highInView.map((m) => m.id) })}
          >
            Accept {highInView.length} high-confidence proposals (≥ 90%)
          </Button>
        )}
      </div>

      <div className="mt-3">
        <FieldMapTable ref={tableRef} rows={rows} active={active} onActive={setActive} onOpen={(i) => setOpenId(rows[i]?.id ?? null)} onClose={close} />
      </div>

      {open && (
        <MappingEditor
          key={`${open.id}:${draft.versionHash}`}
          migrationId={migrationId}
          mapping={open}
          all={mappings}
          fields={view.destination.fields}
          expectedHash={draft.versionHash}
          canEdit={canEdit}
          onClose={close}
        />
      )}

      {draft.data.handledElsewhere.length > 0 && (
        <details className="mt-4 text-sm">
          <summary className="cursor-pointer font-medium">{draft.data.handledElsewhere.length} source fields handled outside the field map</summary>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-zinc-600 dark:text-zinc-400">
            {draft.data.handledElsewhere.slice(0, 200).map((h) => (
              <li key={`${h.object}.${h.path}`}>
                <span className="font-mono text-xs">{h.object}.{h.path}</span>: {h.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Card>
  );
}
