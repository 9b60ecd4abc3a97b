import { z } from "zod";
import type { CategoryObject, Platform, PlatformObject } from "../catalogue/platform-schema";
import { getCategory, requirePlatform } from "../catalogue/platform-catalogue";
import { curatedPairSchema, type CuratedPair, type MappingRow } from "./pair-schema";
import { visualPracticeToFreshsales } from "./visual-practice-to-freshsales";

export interface PairMapping {
  source: Platform;
  destination: Platform;
  /** True for a hand-written table; false for the typical mapping derived from the catalogue. */
  curated: boolean;
  caption: string;
  rows: MappingRow[];
}

/** Parses curated pairs and checks every object id against both platforms' catalogues. */
export function loadCuratedPairs(data: readonly CuratedPair[]) {
  return z
    .array(curatedPairSchema)
    .parse(data)
    .map((pair) => {
      const source = requirePlatform(pair.sourceId);
      const destination = requirePlatform(pair.destinationId);
      for (const row of pair.rows) {
        if (!source.objects.some((o) => o.id === row.sourceObjectId)) {
          throw new Error(`${pair.sourceId}: unknown object ${row.sourceObjectId}`);
        }
        if (row.destinationObjectId !== null && !destination.objects.some((o) => o.id === row.destinationObjectId)) {
          throw new Error(`${pair.destinationId}: unknown object ${row.destinationObjectId}`);
        }
      }
      return pair;
    });
}

const curatedPairs = loadCuratedPairs([visualPracticeToFreshsales]);

// The catalogue is static, so a pair's table never changes within a process.
const mappingCache = new Map<string, PairMapping>();

export function getPairMapping(sourceId: string, destinationId: string): PairMapping {
  const key = `${sourceId}>${destinationId}`;
  const cached = mappingCache.get(key);
  if (cached) return cached;
  const mapping = buildPairMapping(sourceId, destinationId);
  mappingCache.set(key, mapping);
  return mapping;
}

function buildPairMapping(sourceId: string, destinationId: string): PairMapping {
  const source = requirePlatform(sourceId);
  const destination = requirePlatform(destinationId);
  const curated = curatedPairs.find((p) => p.sourceId === sourceId && p.destinationId === destinationId);
  if (curated) {
    return {
      source,
      destination,
      curated: true,
      caption: "Typical mapping — final map is confirmed during the sample migration step.",
      rows: curated.rows,
    };
  }
  return {
    source,
    destination,
    curated: false,
    caption: `Typical mapping derived from each platform's standard objects — no curated map exists for ${source.name} to ${destination.name} yet, so every row is confirmed during the sample migration step.`,
    rows: deriveTypicalRows(source, destination),
  };
}

/**
 * Pairs objects by category: the i-th source object of a category lands on the i-th
 * destination object; extra destination objects take a routed share of the first source
 * object (1:many), extra source objects merge into the first destination object (many:1).
 */
export function deriveTypicalRows(source: Platform, destination: Platform): MappingRow[] {
  const categoryObjects = getCategory("crm")?.objects ?? [];
  const rows: MappingRow[] = [];
  for (const c of categoryObjects) {
    const from = objectsOf(source, c);
    const to = objectsOf(destination, c);
    const first = from[0];
    if (!first) continue;
    if (to.length === 0) {
      for (const s of from) rows.push(row(s, null, c, "none", "Not supported", false));
      continue;
    }
    const n = Math.max(from.length, to.length);
    for (let i = 0; i < n; i++) {
      const s = from[i] ?? first;
      const d = to[i] ?? to[0];
      if (!d) continue;
      if (i < from.length && i < to.length) rows.push(row(s, d, c, "1:1", "Fully supported", false));
      else if (i >= from.length) rows.push(row(s, d, c, "1:many", "Needs a mapping", true));
      else rows.push(row(s, d, c, "many:1", "Needs a mapping", true));
    }
  }
  return rows;
}

function objectsOf(platform: Platform, c: CategoryObject): PlatformObject[] {
  return platform.objects.filter((o) => o.categoryObject === c);
}

function row(
  s: PlatformObject,
  d: PlatformObject | null,
  categoryObject: CategoryObject,
  cardinality: MappingRow["cardinality"],
  compatibility: MappingRow["compatibility"],
  routed: boolean,
): MappingRow {
  return {
    sourceObjectId: s.id,
    sourceLabel: s.name,
    destinationObjectId: d?.id ?? null,
    destinationLabel: d?.name ?? null,
    categoryObject,
    cardinality,
    compatibility,
    routed,
  };
}

export interface CompatibilitySummary {
  oneToOne: number;
  total: number;
  /** "13 of 14" */
  headline: string;
  /** "objects map 1:1 between Visual Practice and Freshsales." */
  line: string;
  /** Category objects the source holds (the page's "8-object category"). */
  objectsInScope: CategoryObject[];
  /** Category objects with a routed row: their records are split or merged by a rule. */
  needMapping: CategoryObject[];
  /** Category objects the destination has no place for. */
  unsupported: CategoryObject[];
}

export function summariseCompatibility(mapping: PairMapping): CompatibilitySummary {
  const oneToOne = mapping.rows.filter((r) => r.cardinality === "1:1").length;
  const total = mapping.rows.length;
  const categoryObjects = getCategory("crm")?.objects ?? [];
  const objectsInScope = categoryObjects.filter((c) => mapping.source.objects.some((o) => o.categoryObject === c));
  const rowsOf = (c: CategoryObject) => mapping.rows.filter((r) => r.categoryObject === c);
  return {
    oneToOne,
    total,
    headline: `${oneToOne} of ${total}`,
    line: `objects map 1:1 between ${mapping.source.name} and ${mapping.destination.name}.`,
    objectsInScope,
    needMapping: objectsInScope.filter((c) => rowsOf(c).some((r) => r.routed)),
    unsupported: objectsInScope.filter((c) => rowsOf(c).some((r) => r.destinationObjectId === null)),
  };
}
