import { buildFieldSpec } from "./field-spec";
import { renderFieldSpecCsv, renderFieldSpecJson, renderFieldSpecMarkdown } from "./field-spec-render";
import type { InventoryFieldProfile } from "./types";
import { renderWorkflowChecklist, renderWorkflowsJson } from "./workflow-export";

export const FIELD_SPEC_FORMATS = ["csv", "json", "md"] as const;
export const WORKFLOW_FORMATS = ["json", "md"] as const;
export type FieldSpecFormat = (typeof FIELD_SPEC_FORMATS)[number];
export type WorkflowFormat = (typeof WORKFLOW_FORMATS)[number];

const CONTENT_TYPE: Record<FieldSpecFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  md: "text/markdown; charset=utf-8",
};

export interface Download {
  body: string;
  contentType: string;
  filename: string;
}

/** `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(filename: string): string {
  const ascii = filename.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x20-\x7e]/g, "").replace(/["\\]/g, "").replace(/\s+/g, " ").trim() || "download";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

function slug(name: string): string {
  const s = name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
  return s || "migration";
}

/** The custom-field creation spec per Freshsales object, in the asked format. */
export function fieldSpecDownload(migrationName: string, profiles: InventoryFieldProfile[], format: FieldSpecFormat): Download {
  const spec = buildFieldSpec(profiles);
  const body = format === "csv" ? renderFieldSpecCsv(spec) : format === "json" ? renderFieldSpecJson(spec) : renderFieldSpecMarkdown(spec);
  return { body, contentType: CONTENT_TYPE[format], filename: `freshsales-fields-${slug(migrationName)}.${format}` };
}

/** The workflow export: the definitions as JSON, or the Markdown rebuild checklist. */
export function workflowDownload(migrationName: string, workflows: unknown[], format: WorkflowFormat): Download {
  const body = format === "json" ? renderWorkflowsJson(workflows) : renderWorkflowChecklist(workflows);
  const name = format === "json" ? "workflows" : "workflow-rebuild-checklist";
  return { body, contentType: CONTENT_TYPE[format], filename: `${name}-${slug(migrationName)}.${format}` };
}

export function downloadResponse(d: Download): Response {
  return new Response(d.body, {
    headers: { "content-type": d.contentType, "content-disposition": contentDisposition(d.filename), "cache-control": "no-store" },
  });
}
