"use client";

import { useAction } from "next-safe-action/hooks";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { FORECAST_CATEGORIES, isToCreate } from "@/lib/mapping/stage-map";
import { pipelinesToCreate } from "@/lib/mapping/stage-map-validation";
import { editStageMapAction } from "@/lib/mapping/review/actions";
import type { StageEdit } from "@/lib/mapping/review/schemas";
import { ApproveButton } from "./approval-controls";
import { useMapCallbacks } from "./map-query";
import type { SectionProps } from "./map-review";

const MATCH_TONE = { exact: "success", normalised: "success", closest: "warning", none: "danger" } as const;

/** Per pipeline: each source stage, its Freshsales stage, how it matched, probability and forecast. */
export function StageMapSection({ migrationId, view, canEdit }: SectionProps) {
  const draft = view.drafts.stageMap!;
  const edit = useAction(editStageMapAction, useMapCallbacks(migrationId, "Stage map saved"));
  const send = (e: StageEdit) => edit.execute({ migrationId, expectedHash: draft.versionHash, edits: [e] });
  const toReview = draft.data.pipelines.filter((p) => !isToCreate(p)).flatMap((p) => p.stages).filter((s) => s.needsReview || s.destinationStageId === null).length;
  const toCreate = pipelinesToCreate(draft.data);

  return (
    <Card id="stageMap">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">Stage map</h2>
          <p className="mt-1 text-sm" role="status">{toReview === 0 ? "Every stage has a confirmed Freshsales stage." : `${toReview} stages to review (closest matches are guesses).`}</p>
        </div>
        <ApproveButton migrationId={migrationId} kind="stageMap" versionHash={draft.versionHash} state={view.approvals.stageMap} canEdit={canEdit} blockers={toReview > 0 ? "Review the flagged stages first." : undefined} />
      </div>
      {toCreate.length > 0 && (
        <section className="mt-4 rounded border border-amber-300 p-3 text-sm dark:border-amber-700" aria-labelledby="pipelines-to-create" data-testid="pipelines-to-create">
          <h3 id="pipelines-to-create" className="font-medium">Pipelines for the Freshsales admin to create</h3>
          <p className="mt-1 text-zinc-600 dark:text-zinc-400">Freshsales has no counterpart for these Visual Practice pipelines, and its API cannot create pipelines. Create each in Freshsales with these stages, then re-propose the map so their deals keep their own pipeline; or choose an existing pipeline below.</p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {toCreate.map((p) => <li key={p.sourcePipelineId}>“{p.name}” with stages {p.stages.map((s) => `“${s}”`).join(", ")}</li>)}
          </ul>
        </section>
      )}
      {draft.data.pipelines.map((p) => {
        const dest = view.destination.pipelines.find((d) => String(d.id) === String(p.destinationPipelineId));
        return (
          <section key={p.sourcePipelineId} className="mt-5" aria-labelledby={`pipeline-${p.sourcePipelineId}`}>
            <div className="flex flex-wrap items-center gap-3">
              <h3 id={`pipeline-${p.sourcePipelineId}`} className="font-medium">{p.sourcePipelineName}</h3>
              <span aria-hidden>→</span>
              <label className="text-sm">
                <span className="sr-only">Freshsales pipeline for {p.sourcePipelineName}</span>
                <select className={inputClass} disabled={!canEdit || edit.isExecuting} value={String(p.destinationPipelineId ?? "")} onChange={(e) => send({ sourcePipelineId: p.sourcePipelineId, destinationPipelineId: e.target.value === "" ? null : Number(e.target.value) || e.target.value })}>
                  <option value="">create “{p.sourcePipelineName}” in Freshsales</option>
                  {view.destination.pipelines.map((d) => <option key={d.id} value={String(d.id)}>{d.name}</option>)}
                </select>
              </label>
              <Badge tone={MATCH_TONE[p.match]}>{p.match}</Badge>
            </div>
            <table className="mt-2 w-full text-sm">
              <thead>
                <tr className="text-left text-xs uppercase text-zinc-600 dark:text-zinc-400">
                  <th className="py-1">Visual Practice stage</th>
                  <th className="py-1">Freshsales stage</th>
                  <th className="py-1">Match</th>
                  <th className="py-1">Probability</th>
                  <th className="py-1">Forecast</th>
                  <th className="py-1"><span className="sr-only">Review</span></th>
                </tr>
              </thead>
              <tbody>
                {p.stages.map((s) => (
                  <tr key={s.sourceStageId} className="border-t border-zinc-100 dark:border-zinc-800" data-stage={s.sourceStageName}>
                    <td className="py-1.5 pr-2">{s.sourceStageName}</td>
                    <td className="py-1.5 pr-2">
                      {isToCreate(p) ? <span>created with the pipeline: “{s.destinationStageName ?? s.sourceStageName}”</span> : <select aria-label={`Freshsales stage for ${s.sourceStageName}`} className={inputClass} disabled={!canEdit || edit.isExecuting || !dest} value={String(s.destinationStageId ?? "")} onChange={(e) => send({ sourcePipelineId: p.sourcePipelineId, sourceStageId: s.sourceStageId, destinationStageId: Number(e.target.value) || e.target.value })}>
                        {s.destinationStageId === null && <option value="">(none)</option>}
                        {(dest?.stages ?? []).map((d) => <option key={d.id} value={String(d.id)}>{d.name}</option>)}
                      </select>}
                    </td>
                    <td className="py-1.5 pr-2" title={s.reason}>
                      <Badge tone={MATCH_TONE[s.match]}>{s.match}</Badge>
                      {s.needsReview && <span className="ml-1 text-xs text-amber-700 dark:text-amber-300">review</span>}
                    </td>
                    <td className="py-1.5 pr-2">
                      <input key={`${s.sourceStageId}:${draft.versionHash}`} aria-label={`Probability for ${s.sourceStageName}`} type="number" min={0} max={100} className={`${inputClass} w-20`} disabled={!canEdit || edit.isExecuting} defaultValue={s.probability ?? ""} onBlur={(e) => {
                        const v = e.target.value === "" ? null : Number(e.target.value);
                        if (v !== s.probability) send({ sourcePipelineId: p.sourcePipelineId, sourceStageId: s.sourceStageId, probability: v });
                      }} />
                    </td>
                    <td className="py-1.5 pr-2">
                      <select aria-label={`Forecast category for ${s.sourceStageName}`} className={inputClass} disabled={!canEdit || edit.isExecuting} value={s.forecastCategory} onChange={(e) => send({ sourcePipelineId: p.sourcePipelineId, sourceStageId: s.sourceStageId, forecastCategory: e.target.value as (typeof FORECAST_CATEGORIES)[number] })}>
                        {FORECAST_CATEGORIES.map((f) => <option key={f} value={f}>{f.replace("_", " ")}</option>)}
                      </select>
                    </td>
                    <td className="py-1.5">
                      {canEdit && s.needsReview && s.destinationStageId !== null && (
                        <Button variant="secondary" onClick={() => send({ sourcePipelineId: p.sourcePipelineId, sourceStageId: s.sourceStageId, reviewed: true })} disabled={edit.isExecuting}>
                          Confirm “{s.destinationStageName}”
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </Card>
  );
}
