"use client";

import { useAction } from "next-safe-action/hooks";
import { useEffect, useMemo, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { TAKES_CUSTOM_FIELDS } from "@/lib/mapping/default-object-map";
import type { CustomFieldSpec, DestinationField, FieldMapping, FieldMappingEdit, MappingDecision, TransformSpecInput } from "@/lib/mapping/schemas";
import { editFieldMapAction } from "@/lib/mapping/review/actions";
import { targetText, transformForTarget } from "@/lib/mapping/review/field-table-model";
import { useFieldMapPatchCallbacks } from "./map-query";
import { ValueMapEditor } from "./value-map-editor";

type TargetKind = "field" | "create_custom_field" | "do_not_migrate";
const CUSTOM_TYPES: CustomFieldSpec["type"][] = ["text", "paragraph", "number", "date", "datetime", "checkbox", "dropdown", "multiselect", "email", "phone", "url"];

function slug(label: string): string {
  return `cf_${label.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "") || "field"}`.slice(0, 60);
}

/** One mapping's editor: target (existing field, new custom field, or left out) and its value transform. */
export function MappingEditor({ migrationId, mapping, all, fields, expectedHash, canEdit, onClose }: {
  migrationId: string;
  mapping: FieldMapping;
  all: FieldMapping[];
  fields: DestinationField[];
  expectedHash: string;
  canEdit: boolean;
  onClose: () => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const system = mapping.decision.kind === "system";
  const d = mapping.decision;
  const [kind, setKind] = useState<TargetKind>(d.kind === "system" ? "field" : d.kind);
  const [field, setField] = useState(d.kind === "field" ? d.field : "");
  const [spec, setSpec] = useState<CustomFieldSpec>(d.kind === "create_custom_field" ? d.spec : { name: slug(mapping.source.label), label: mapping.source.label, type: "text" });
  const [transform, setTransform] = useState<TransformSpecInput>(mapping.transform);
  const save = useAction(editFieldMapAction, useFieldMapPatchCallbacks(migrationId, "Mapping saved"));

  const options = useMemo(() => fields.filter((f) => f.entity === mapping.entity && f.type !== "lookup").sort((a, b) => a.label.localeCompare(b.label)), [fields, mapping.entity]);
  const takenBy = useMemo(() => {
    const m = new Map<string, string>();
    for (const o of all) if (o.id !== mapping.id && o.entity === mapping.entity && o.status !== "rejected" && o.decision.kind === "field") m.set(o.decision.field, `${o.source.object}.${o.source.path}`);
    return m;
  }, [all, mapping.id, mapping.entity]);
  const target = options.find((f) => f.name === field);
  const choices = kind === "field" ? target?.choices : kind === "create_custom_field" ? spec.choices : undefined;

  const pickField = (name: string) => {
    setField(name);
    const f = options.find((o) => o.name === name);
    if (f) setTransform((t) => transformForTarget(t, f.type, f.choices));
  };
  const pickType = (type: CustomFieldSpec["type"]) => {
    setSpec((s) => ({ ...s, type, ...(type === "dropdown" || type === "multiselect" ? { choices: s.choices ?? [] } : { choices: undefined }) }));
    setTransform((t) => transformForTarget(t, type, spec.choices));
  };

  const submit = (status: FieldMappingEdit["status"]) => {
    const edit: FieldMappingEdit = { id: mapping.id, status } as FieldMappingEdit;
    if (status !== "rejected" && !system) {
      const decision: MappingDecision = kind === "field" ? { kind: "field", field } : kind === "create_custom_field" ? { kind: "create_custom_field", spec } : { kind: "do_not_migrate" };
      const changed = JSON.stringify(decision) !== JSON.stringify(mapping.decision) || JSON.stringify(transform) !== JSON.stringify(mapping.transform);
      if (changed) Object.assign(edit, { decision, transform: kind === "do_not_migrate" ? { kind: "none" } : transform });
    }
    save.execute({ migrationId, expectedHash, edits: [edit] });
  };

  return (
    <section
      aria-labelledby="mapping-editor-title"
      className="mt-4 rounded-md border border-accent-500/40 p-4"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          onClose();
        }
      }}
      data-testid="mapping-editor"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id="mapping-editor-title" ref={headingRef} tabIndex={-1} className="font-semibold outline-none">
            {mapping.source.label} <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">({mapping.source.object}.{mapping.source.path} → {mapping.entity})</span>
          </h3>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{mapping.reason}</p>
          <p className="mt-1 text-sm">Now: {targetText(mapping)} · <Badge>{mapping.status}</Badge> · proposed by {mapping.proposedBy}</p>
        </div>
        <Button variant="ghost" onClick={onClose} aria-label="Close the editor (Escape)">Close</Button>
      </div>

      {system ? (
        <p className="mt-3 text-sm">The migration fills this field itself; accept it, or leave the field out.</p>
      ) : (
        <fieldset className="mt-4 space-y-3" disabled={!canEdit}>
          <legend className="text-sm font-medium">Target in Freshsales</legend>
          <div className="flex flex-wrap gap-4 text-sm">
            {/* Tasks, appointments, notes and products take no custom fields; a draft that already has one keeps the option, to change it. */}
            {(["field", "create_custom_field", "do_not_migrate"] as const).filter((k) => k !== "create_custom_field" || TAKES_CUSTOM_FIELDS.has(mapping.entity) || kind === k).map((k) => (
              <label key={k} className="flex items-center gap-2">
                <input type="radio" name="target-kind" checked={kind === k} onChange={() => setKind(k)} />
                {k === "field" ? "Existing field" : k === "create_custom_field" ? "Create custom field" : "Do not migrate"}
              </label>
            ))}
          </div>
          {kind === "field" && (
            <label className="block text-sm">
              <span className="mb-1 block font-medium">Freshsales field</span>
              <select className={inputClass} value={field} onChange={(e) => pickField(e.target.value)}>
                <option value="">Choose a field…</option>
                {options.map((f) => (
                  <option key={f.name} value={f.name}>
                    {f.label} ({f.name}, {f.type}){takenBy.has(f.name) ? ` · already receives ${takenBy.get(f.name)}` : ""}
                  </option>
                ))}
              </select>
              {mapping.alternatives.length > 0 && <span className="mt-1 block text-xs text-zinc-600 dark:text-zinc-400">Runners-up: {mapping.alternatives.map((a) => `${a.field} (${Math.round(a.confidence * 100)}%)`).join(", ")}</span>}
            </label>
          )}
          {kind === "create_custom_field" && (
            <div className="grid gap-3 sm:grid-cols-3">
              <label className="text-sm">
                <span className="mb-1 block font-medium">Label</span>
                <input className={inputClass} value={spec.label} onChange={(e) => setSpec((s) => ({ ...s, label: e.target.value, name: slug(e.target.value) }))} />
              </label>
              <label className="text-sm">
                <span className="mb-1 block font-medium">API name</span>
                <input className={inputClass} value={spec.name} onChange={(e) => setSpec((s) => ({ ...s, name: e.target.value }))} pattern="cf_[a-z0-9_]+" />
              </label>
              <label className="text-sm">
                <span className="mb-1 block font-medium">Type</span>
                <select className={inputClass} value={spec.type} onChange={(e) => pickType(e.target.value as CustomFieldSpec["type"])}>
                  {CUSTOM_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
                </select>
              </label>
              {(spec.type === "dropdown" || spec.type === "multiselect") && (
                <label className="text-sm sm:col-span-3">
                  <span className="mb-1 block font-medium">Choices (one per line)</span>
                  <textarea className={inputClass} rows={4} value={(spec.choices ?? []).join("\n")} onChange={(e) => setSpec((s) => ({ ...s, choices: e.target.value.split("\n").map((v) => v.trim()).filter(Boolean) }))} />
                </label>
              )}
            </div>
          )}
          {kind !== "do_not_migrate" && (transform.kind === "dropdown" || transform.kind === "multiselect") && (
            <ValueMapEditor transform={transform} choices={choices ?? []} onChange={setTransform} />
          )}
          {kind !== "do_not_migrate" && transform.kind !== "dropdown" && transform.kind !== "multiselect" && (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">Value transform: {transform.kind}</p>
          )}
        </fieldset>
      )}

      {canEdit && (
        <div className="mt-4 flex flex-wrap gap-2">
          <Button onClick={() => submit("accepted")} disabled={save.isExecuting || (!system && kind === "field" && !field)}>
            {save.isExecuting ? "Saving…" : "Save and accept"}
          </Button>
          <Button variant="secondary" onClick={() => submit("rejected")} disabled={save.isExecuting}>Leave this field out</Button>
        </div>
      )}
    </section>
  );
}
