/**
 * The field creation spec rendered for people (Markdown), spreadsheets (CSV) and tools (JSON).
 */
import { stringify } from "csv-stringify/sync";
import { FRESHSALES_OBJECTS, type FieldSpec, type FieldSpecRow } from "./field-spec";

export const SPEC_CSV_COLUMNS = [
  "Freshsales object",
  "Field label",
  "API name",
  "Freshsales type",
  "Create as",
  "Dropdown values",
  "Source field",
  "Fill rate",
  "Sensitive",
  "Unique",
  "Notes",
] as const;

function pct(n: number): string {
  return `${(Math.round(n * 1000) / 10).toFixed(1)}%`;
}

// A cell starting with = + - @ is run as a formula by spreadsheet apps; source data is
// customer-controlled, so such cells get a leading apostrophe (the spreadsheet convention).
function safeCell(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function rowsOf(spec: FieldSpec): FieldSpecRow[] {
  return FRESHSALES_OBJECTS.flatMap((o) => spec[o]);
}

/** One row per field; dropdown values one per line inside their cell. */
export function renderFieldSpecCsv(spec: FieldSpec): string {
  const rows = rowsOf(spec).map((r) =>
    [
      r.freshsalesObject,
      r.label,
      r.apiName,
      r.type,
      r.createAs,
      r.dropdownValues.map(safeCell).join("\n"),
      r.sourceField,
      pct(r.fillRate),
      r.sensitive ? "yes" : "no",
      r.unique ? "yes" : "no",
      r.notes,
    ].map(safeCell),
  );
  return stringify(rows, { header: true, columns: [...SPEC_CSV_COLUMNS] });
}

export function renderFieldSpecJson(spec: FieldSpec): string {
  const objects = Object.fromEntries(
    FRESHSALES_OBJECTS.map((o) => [
      o,
      spec[o].map((r) => ({ ...r, fillRate: Math.round(r.fillRate * 10_000) / 10_000 })),
    ]),
  );
  return `${JSON.stringify({ format: "freshsales-field-spec/1", objects }, null, 2)}\n`;
}

function md(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function renderFieldSpecMarkdown(spec: FieldSpec): string {
  const out: string[] = [
    "# Freshsales custom fields to create",
    "",
    "Create these fields in Freshsales (Admin Settings > Module customization > the module > Fields) before the migration runs. " +
      "The API name is what Freshsales derives from the label; keep the label exactly as written so the names match.",
    "",
  ];
  for (const object of FRESHSALES_OBJECTS) {
    const rows = spec[object];
    out.push(`## ${object} (${rows.length} fields)`, "");
    out.push("| Label | API name | Type | Create as | Dropdown values | Source field | Fill rate | Sensitive | Notes |");
    out.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const r of rows) {
      out.push(
        `| ${md(r.label)} | \`${r.apiName}\` | ${r.type} | ${md(r.createAs)}${r.unique ? " (unique)" : ""} | ${md(r.dropdownValues.join(", "))} | ${md(r.sourceField)} | ${pct(r.fillRate)} | ${r.sensitive ? "yes" : "no"} | ${md(r.notes)} |`,
      );
    }
    out.push("");
    const checklist = rows.filter((r) => r.dropdownValues.length > 0);
    for (const r of checklist) {
      out.push(`### ${md(r.label)}: ${r.dropdownValues.length} choices`, "");
      for (const v of r.dropdownValues) out.push(`- [ ] ${md(v)}`);
      out.push("");
    }
  }
  return out.join("\n");
}
