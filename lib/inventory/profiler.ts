/**
 * Incremental field profiler for one source object: feed records one by one with `add`,
 * then `finish` for one profile per field path. Memory is bounded per field (see
 * FieldAccumulator) and the number of paths is capped, so a stream of any length fits.
 */
import { buildAnomalies } from "./anomalies";
import { DEFAULT_DISTINCT_CAP } from "./bounded-counter";
import { FieldAccumulator } from "./field-accumulator";
import { CUSTOM_PREFIX, flattenRecord, keyOfPath, readableLabel } from "./flatten-record";
import { detectSensitivity } from "./sensitivity";
import { inferType } from "./type-inference";
import type { CatalogueEntry, InventoryFieldProfile, SourceObject } from "./types";
import { displayValue } from "./value-checks";

export interface ProfilerOptions {
  /** Distinct values counted exactly per field (default 10,000). */
  distinctCap?: number;
  /** Field paths profiled at most; later new paths are counted, not profiled (default 2,000). */
  maxFields?: number;
}

export interface Profiler {
  add(record: Record<string, unknown>): void;
  /** Records added so far. */
  readonly count: number;
  finish(): InventoryFieldProfile[];
}

const TOP_VALUES = 20;

function recordIdOf(record: Record<string, unknown>, index: number): string {
  const id = record.id;
  return typeof id === "string" || typeof id === "number" ? String(id) : `#${index + 1}`;
}

export function createProfiler(
  object: SourceObject,
  catalogue?: CatalogueEntry[],
  options: ProfilerOptions = {},
): Profiler {
  const cap = options.distinctCap ?? DEFAULT_DISTINCT_CAP;
  const maxFields = options.maxFields ?? 2_000;
  const labels = new Map<string, string>();
  for (const e of catalogue ?? []) if (!e.object || e.object === object) labels.set(e.key, e.label);
  const fields = new Map<string, FieldAccumulator>();
  const droppedPaths = new Set<string>();
  let count = 0;

  const add = (record: Record<string, unknown>): void => {
    const index = count++;
    const id = recordIdOf(record, index);
    flattenRecord(record, (path, value) => {
      let acc = fields.get(path);
      if (!acc) {
        if (fields.size >= maxFields) {
          if (droppedPaths.size < 100) droppedPaths.add(path);
          return;
        }
        fields.set(path, (acc = new FieldAccumulator(cap)));
      }
      acc.add(value, id, index);
    });
  };

  const profile = (path: string, acc: FieldAccumulator): InventoryFieldProfile => {
    const key = keyOfPath(path);
    const isCustom = path.startsWith(CUSTOM_PREFIX);
    const catalogueLabel = isCustom ? labels.get(key) : undefined;
    const label = catalogueLabel ?? readableLabel(isCustom ? key : path);
    const inferred = inferType(acc, key);
    const sens = detectSensitivity(key, label, acc.signals, acc.values);
    const notes: string[] = [];
    let inCatalogue: boolean | undefined;
    if (isCustom && catalogue) {
      inCatalogue = catalogueLabel !== undefined;
      if (!inCatalogue) notes.push(`"${key}" is not in the custom-properties catalogue`);
      else if (acc.values === 0) notes.push("listed in the catalogue, but no record has a value");
    }
    if (path.includes("[]")) {
      notes.push(`one value per array element; filled counts records with at least one (${acc.values} values)`);
    }
    if (acc.counter.isCapped) notes.push(`more than ${cap} distinct values: distinct is a lower bound, top values approximate`);
    if (inferred.type === "multiselect") notes.push(`${inferred.dropdownValues?.length ?? 0} distinct choices across arrays`);
    if (acc.nonIsoDates > 0 && (inferred.type === "date" || inferred.type === "datetime")) {
      notes.push(`${acc.nonIsoDates} values in non-ISO date formats (normalise to YYYY-MM-DD)`);
    }
    const profile: InventoryFieldProfile = {
      object,
      path,
      key,
      label,
      isCustom,
      inferredType: inferred.type,
      typeConfidence: inferred.confidence,
      total: count,
      filled: acc.filled,
      fillRate: count === 0 ? 0 : acc.filled / count,
      distinct: acc.counter.distinct,
      distinctCapped: acc.counter.isCapped,
      topValues: acc.counter.top(TOP_VALUES).map((t) => ({ value: displayValue(t.value, 200), count: t.count })),
      samples: acc.samples.map((s) => displayValue(s, 200)),
      maxLength: acc.maxLength,
      shapes: { ...acc.shapes },
      anomalies: buildAnomalies(acc, inferred.type),
      sensitive: sens.sensitive,
      notes,
    };
    if (inferred.dropdownValues) profile.dropdownValues = inferred.dropdownValues;
    if (sens.reason) profile.sensitivityReason = sens.reason;
    if (inCatalogue !== undefined) profile.inCatalogue = inCatalogue;
    return profile;
  };

  const finish = (): InventoryFieldProfile[] => {
    // Catalogue keys no record carries still get a (empty) profile: the admin may want the field.
    for (const key of labels.keys()) {
      const path = `${CUSTOM_PREFIX}${key}`;
      if (!fields.has(path)) fields.set(path, new FieldAccumulator(cap));
    }
    // `address: null` on one record and `address: {city}` on another: the null leaf is only
    // the absent parent of address.city, not a field of its own.
    const parents = new Set<string>();
    for (const path of fields.keys()) {
      for (let i = path.indexOf("."); i > 0; i = path.indexOf(".", i + 1)) parents.add(path.slice(0, i).replace(/\[\]$/, ""));
    }
    const out = [...fields]
      .filter(([path, acc]) => !(acc.values === 0 && parents.has(path) && !path.startsWith(CUSTOM_PREFIX)))
      .map(([path, acc]) => profile(path, acc));
    if (droppedPaths.size > 0 && out[0]) {
      out[0].notes.push(`field limit ${maxFields} reached; not profiled: ${[...droppedPaths].slice(0, 10).join(", ")}`);
    }
    return out;
  };

  return {
    add,
    get count() {
      return count;
    },
    finish,
  };
}

/** Profiles an in-memory list (tests, small objects). */
export function profileRecords(
  object: SourceObject,
  records: Iterable<Record<string, unknown>>,
  catalogue?: CatalogueEntry[],
  options?: ProfilerOptions,
): InventoryFieldProfile[] {
  const p = createProfiler(object, catalogue, options);
  for (const r of records) p.add(r);
  return p.finish();
}
