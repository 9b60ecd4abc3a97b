/**
 * Turns a field's streamed statistics into anomalies, once its type is known.
 *
 * - mixed_types: values whose shape differs from the field's dominant shape ("12" among 12s),
 *   plus, for number, checkbox, url and multiselect fields, values that do not fit the type
 *   ("twelve" in a number field).
 * - invalid_email / invalid_phone / invalid_date: values of an email, phone or date(time) field
 *   that fail validation; for dates also real dates before 1900 or after 2100.
 * - too_long: beyond the Freshsales limit of the chosen type (TEXT_LIMIT for single-line
 *   types and dropdown choices, PARAGRAPH_LIMIT for paragraphs).
 * - control_chars: NUL and other control characters, whatever the type.
 */
import { EXAMPLES, SHAPES, type Example, type FieldAccumulator, type Shape } from "./field-accumulator";
import type { FieldAnomaly, FreshsalesFieldType } from "./types";
import { displayValue } from "./value-checks";

const VALIDATED: Partial<Record<FreshsalesFieldType, FieldAnomaly["kind"]>> = {
  email: "invalid_email",
  phone: "invalid_phone",
  date: "invalid_date",
  datetime: "invalid_date",
};
const TEXTUAL = new Set<FreshsalesFieldType>(["text", "paragraph", "dropdown"]);
const SINGLE_LINE = new Set<FreshsalesFieldType>(["text", "dropdown", "email", "phone", "url"]);

function shown(examples: Example[]): Example[] {
  const seen = new Set<string>();
  const out: Example[] = [];
  for (const e of examples) {
    const k = `${e.recordId}\u0000${e.value}`;
    if (seen.has(k) || out.length >= EXAMPLES) continue;
    seen.add(k);
    out.push({ recordId: e.recordId, value: displayValue(e.value) });
  }
  return out;
}

export function dominantShape(acc: FieldAccumulator): Shape {
  let best: Shape = "string";
  for (const s of SHAPES) if (acc.shapes[s] > acc.shapes[best]) best = s;
  return best;
}

export function buildAnomalies(acc: FieldAccumulator, type: FreshsalesFieldType): FieldAnomaly[] {
  if (acc.values === 0) return [];
  const out: FieldAnomaly[] = [];
  const inconsistent = acc.inconsistentExamples.get(type) ?? [];
  const misfits = acc.values - acc.consistentCount(type);

  const dom = dominantShape(acc);
  const minority = SHAPES.filter((s) => s !== dom && acc.shapes[s] > 0);
  let mixed = minority.reduce((n, s) => n + acc.shapes[s], 0);
  const mixedExamples = minority.flatMap((s) => acc.shapeExamples[s]);
  const countMisfits = !VALIDATED[type] && !(TEXTUAL.has(type) && dom === "string");
  if (countMisfits) {
    mixed += acc.shapes[dom] - acc.consistent[dom][type];
    mixedExamples.push(...inconsistent);
  }
  if (mixed > 0) out.push({ kind: "mixed_types", count: mixed, examples: shown(mixedExamples) });

  const validated = VALIDATED[type];
  if (validated === "invalid_date") {
    const count = misfits + acc.farDates.count;
    if (count > 0) {
      out.push({ kind: validated, count, examples: shown([...inconsistent, ...acc.farDates.examples]) });
    }
  } else if (validated && misfits > 0) {
    out.push({ kind: validated, count: misfits, examples: shown(inconsistent) });
  }

  const long = type === "paragraph" ? acc.overParagraph : SINGLE_LINE.has(type) ? acc.overText : undefined;
  if (long && long.count > 0) out.push({ kind: "too_long", count: long.count, examples: shown(long.examples) });

  if (acc.controlChars.count > 0) {
    out.push({ kind: "control_chars", count: acc.controlChars.count, examples: shown(acc.controlChars.examples) });
  }
  return out;
}
