/**
 * Downloads of the reconciliation report (and of a sample's diff): CSV per part, or the whole
 * report as JSON. Health data is masked unless the admin chose to reveal it.
 */
import { stringify } from "csv-stringify/sync";
import { MASK } from "@/lib/inventory/mask-profiles";
import type { DiffRow } from "./field-diff";
import type { ReconcileReport } from "./reconcile";

export function maskRows(rows: readonly DiffRow[], reveal: boolean): DiffRow[] {
  if (reveal) return [...rows];
  return rows.map((r) => (r.sensitive ? { ...r, source: r.source === null ? null : MASK, expected: r.expected === null ? null : MASK, destination: r.destination === null ? null : MASK } : r));
}

export const REPORT_PARTS = ["counts", "diff", "divergences"] as const;
export type ReportPart = (typeof REPORT_PARTS)[number];

export function diffCsv(rows: readonly DiffRow[], reveal: boolean): string {
  return stringify(
    maskRows(rows, reveal).map((r) => [r.objectType, r.sourceId, r.target ?? "", r.destId ?? "", r.field, r.label, r.source ?? "", r.expected ?? "", r.destination ?? "", r.verdict, r.note ?? ""]),
    { header: true, columns: ["object", "source_id", "target", "destination_id", "field", "label", "source", "expected", "destination", "verdict", "note"] },
  ).trimEnd();
}

export function reportCsv(report: ReconcileReport, part: ReportPart, reveal: boolean): string {
  if (part === "diff") return diffCsv(report.diff, reveal);
  if (part === "divergences") {
    return stringify(
      report.divergences.map((d) => {
        const e = report.explanations[d.key];
        return [d.key, d.objectType, d.kind, d.message, e?.note ?? "", e?.by ?? "", e?.at ?? ""];
      }),
      { header: true, columns: ["key", "object", "kind", "message", "explanation", "explained_by", "explained_at"] },
    ).trimEnd();
  }
  return stringify(
    report.objects.map((o) => [o.objectType, o.source, o.ledger.written, o.ledger.skipped, o.ledger.failed, o.ledger.pending, o.ledger.intent, o.writtenRecords, o.destination ?? "", o.missing.join(" "), (o.unrecorded ?? []).join(" ")]),
    { header: true, columns: ["object", "source", "written", "skipped", "failed", "pending", "intent", "written_records", "destination", "missing", "unrecorded"] },
  ).trimEnd();
}

export function reportJson(report: ReconcileReport, reveal: boolean): string {
  return JSON.stringify({ ...report, diff: maskRows(report.diff, reveal) }, null, 2);
}
