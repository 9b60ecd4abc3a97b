/**
 * Streaming statistics for one field path. Everything kept here is bounded: counters are
 * capped (see BoundedCounter) and every example list holds at most EXAMPLES entries, so
 * memory does not grow with the number of records.
 */
import { BoundedCounter } from "./bounded-counter";
import type { FreshsalesFieldType } from "./types";
import { FRESHSALES_FIELD_TYPES } from "./types";
import { valueSignals, type ValueSignal } from "./sensitivity";
import {
  PARAGRAPH_LIMIT,
  TEXT_LIMIT,
  hasControlChars,
  isCheckboxValue,
  isEmail,
  isNumberValue,
  isPhone,
  isPlausibleYear,
  isUrl,
  parseDateLike,
  type DateLike,
} from "./value-checks";

export const EXAMPLES = 5;
export const SHAPES = ["string", "number", "boolean", "array", "object"] as const;
export type Shape = (typeof SHAPES)[number];

export interface Example {
  recordId: string;
  value: string;
}

function pushExample(list: Example[], ex: Example): void {
  if (list.length < EXAMPLES) list.push(ex);
}

export function shapeOf(v: unknown): Shape {
  if (Array.isArray(v)) return "array";
  if (typeof v === "number" || typeof v === "bigint") return "number";
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "string") return "string";
  return "object";
}

/** null, undefined, blank strings and empty arrays carry no value. */
export function isEmptyValue(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === "string") return v.trim() === "";
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

/** The string a value is counted, measured and shown as. */
export function valueText(v: unknown): string {
  if (typeof v === "string") return v;
  if (Array.isArray(v) && v.every((e) => typeof e !== "object" || e === null)) {
    return v.map((e) => String(e)).join(", ");
  }
  if (typeof v === "object" && v !== null) {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}

function isScalar(v: unknown): boolean {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

// Short-circuits keep the per-value cost low: most values fail most checks on one character
// test, and values longer than any typed field skip the typed checks altogether.
function consistentTypes(v: unknown, text: string, date: DateLike | null): Set<FreshsalesFieldType> {
  const out = new Set<FreshsalesFieldType>();
  const scalarOrList = isScalar(v) || (Array.isArray(v) && v.every(isScalar));
  const multiLine = text.includes("\n");
  if (scalarOrList) {
    out.add("paragraph");
    if (text.length <= TEXT_LIMIT && !multiLine) out.add("text");
  }
  if (isScalar(v) && !multiLine) out.add("dropdown");
  if (Array.isArray(v) && v.every((e) => typeof e === "string")) out.add("multiselect");
  if (typeof v !== "string") {
    if (isNumberValue(v)) out.add("number");
    if (isCheckboxValue(v)) out.add("checkbox");
    return out;
  }
  if (text.length > TEXT_LIMIT || multiLine) return out;
  if (isNumberValue(v)) out.add("number");
  if (text.length <= 5 && isCheckboxValue(v)) out.add("checkbox");
  if (text.includes("@")) {
    if (isEmail(v)) out.add("email");
  } else {
    if (/\d/.test(text) && isPhone(v)) out.add("phone");
    if (text.includes(".") && isUrl(v)) out.add("url");
  }
  if (date?.valid) {
    out.add("datetime");
    if (date.kind === "date") out.add("date");
  }
  return out;
}

export class FieldAccumulator {
  filled = 0;
  values = 0;
  maxLength = 0;
  multiLine = 0;
  readonly shapes: Record<Shape, number> = { string: 0, number: 0, boolean: 0, array: 0, object: 0 };
  readonly shapeExamples: Record<Shape, Example[]> = {
    string: [], number: [], boolean: [], array: [], object: [],
  };
  /** consistent[shape][type]: values of that shape consistent with that type. */
  readonly consistent: Record<Shape, Record<FreshsalesFieldType, number>>;
  readonly inconsistentExamples = new Map<FreshsalesFieldType, Example[]>();
  readonly counter: BoundedCounter;
  /** Elements of array values (the multiselect choices). */
  readonly elements: BoundedCounter;
  readonly samples: string[] = [];
  /** Real calendar dates whose year is implausible (before 1900 or after 2100). */
  readonly farDates = { count: 0, examples: [] as Example[] };
  readonly overText = { count: 0, examples: [] as Example[] };
  readonly overParagraph = { count: 0, examples: [] as Example[] };
  readonly controlChars = { count: 0, examples: [] as Example[] };
  readonly signals = new Map<ValueSignal, number>();
  nonIsoDates = 0;
  private lastRecord = -1;

  constructor(cap?: number) {
    this.counter = new BoundedCounter(cap);
    this.elements = new BoundedCounter(cap);
    const zero = () =>
      Object.fromEntries(FRESHSALES_FIELD_TYPES.map((t) => [t, 0])) as Record<FreshsalesFieldType, number>;
    this.consistent = {
      string: zero(), number: zero(), boolean: zero(), array: zero(), object: zero(),
    };
  }

  /** `recordIndex` lets an array path (line_items[].sku) count its record once in `filled`. */
  add(v: unknown, recordId: string, recordIndex: number): void {
    if (isEmptyValue(v)) return;
    if (recordIndex !== this.lastRecord) {
      this.filled++;
      this.lastRecord = recordIndex;
    }
    this.values++;
    const text = valueText(v);
    const shape = shapeOf(v);
    const ex = { recordId, value: text };
    this.shapes[shape]++;
    pushExample(this.shapeExamples[shape], ex);
    this.counter.add(text);
    if (Array.isArray(v)) for (const e of v) if (!isEmptyValue(e)) this.elements.add(valueText(e));
    if (this.samples.length < EXAMPLES && !this.samples.includes(text)) this.samples.push(text);

    this.maxLength = Math.max(this.maxLength, text.length);
    if (text.includes("\n")) this.multiLine++;
    if (text.length > TEXT_LIMIT) {
      this.overText.count++;
      pushExample(this.overText.examples, ex);
    }
    if (text.length > PARAGRAPH_LIMIT) {
      this.overParagraph.count++;
      pushExample(this.overParagraph.examples, ex);
    }
    if (hasControlChars(text)) {
      this.controlChars.count++;
      pushExample(this.controlChars.examples, ex);
    }

    const d = typeof v === "string" && v.length <= 40 ? parseDateLike(v) : null;
    const ok = consistentTypes(v, text, d);
    for (const t of FRESHSALES_FIELD_TYPES) {
      if (ok.has(t)) {
        this.consistent[shape][t]++;
      } else {
        let list = this.inconsistentExamples.get(t);
        if (!list) this.inconsistentExamples.set(t, (list = []));
        pushExample(list, ex);
      }
    }
    if (d) {
      if (d.valid && !isPlausibleYear(d.year)) {
        this.farDates.count++;
        pushExample(this.farDates.examples, ex);
      }
      if (d.valid && !/^\d{4}-\d{2}-\d{2}/.test(text.trim())) this.nonIsoDates++;
    }
    if (typeof v === "string" || Array.isArray(v)) {
      for (const s of valueSignals(text)) this.signals.set(s, (this.signals.get(s) ?? 0) + 1);
    }
  }

  /** Values (of any shape) consistent with a type. */
  consistentCount(t: FreshsalesFieldType): number {
    return SHAPES.reduce((n, s) => n + this.consistent[s][t], 0);
  }
}
