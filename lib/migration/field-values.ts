/**
 * Applies the approved field map to one source record: each mapped source path through its
 * value transform into its destination field. A value that cannot land fails the record with a
 * reason naming the record and the field; an email that is not one is left out (flagged).
 */
import type { SourceObject } from "@/lib/inventory/types";
import type { FieldMapping, DestinationEntity } from "@/lib/mapping/schemas";
import { compileTransform, type CompiledTransform } from "@/lib/mapping/transforms/apply-transform";
import type { FsFields } from "@/lib/connectors/freshsales/wire";
import type { DestinationContext } from "./types";

const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Text without NUL and other C0 controls (tab and newline kept): they break JSON bodies downstream. */
export function cleanText(value: string): string {
  return value.replace(CONTROL_CHARS, "");
}

export function valueAt(record: Record<string, unknown>, path: string): unknown {
  if (path.startsWith("custom_properties.")) {
    const custom = record.custom_properties as Record<string, unknown> | undefined;
    return custom?.[path.slice("custom_properties.".length)];
  }
  let at: unknown = record;
  for (const part of path.split(".")) {
    if (at === null || typeof at !== "object" || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface CompiledMapping {
  path: string;
  field: string;
  transform: CompiledTransform;
}

export type FieldsResult = { ok: true; fields: FsFields; flags: string[] } | { ok: false; reason: string };

const cache = new WeakMap<FieldMapping[], Map<string, CompiledMapping[]>>();

function compiled(fieldMap: FieldMapping[], object: SourceObject, entity: DestinationEntity): CompiledMapping[] {
  let byKey = cache.get(fieldMap);
  if (!byKey) {
    byKey = new Map();
    cache.set(fieldMap, byKey);
  }
  const key = `${object}->${entity}`;
  let list = byKey.get(key);
  if (!list) {
    list = fieldMap.flatMap((m): CompiledMapping[] => {
      if (m.source.object !== object || m.entity !== entity || m.status === "rejected") return [];
      const field = m.decision.kind === "field" ? m.decision.field : m.decision.kind === "create_custom_field" ? m.decision.spec.name : null;
      if (!field || m.source.path.includes("[]")) return [];
      return [{ path: m.source.path, field, transform: compileTransform(m.transform) }];
    });
    byKey.set(key, list);
  }
  return list;
}

/** The mapped fields of one record for one destination entity. */
export function mappedFields(
  fieldMap: FieldMapping[],
  object: SourceObject,
  entity: DestinationEntity,
  record: Record<string, unknown>,
  sourceId: string,
  destination: DestinationContext,
): FieldsResult {
  const fields: FsFields = {};
  const flags: string[] = [];
  for (const m of compiled(fieldMap, object, entity)) {
    const raw = valueAt(record, m.path);
    if (raw === undefined || raw === null || raw === "") continue;
    const result = m.transform(typeof raw === "string" ? cleanText(raw) : raw, { field: m.field, recordId: sourceId });
    if (!result.ok) {
      if (m.field === "emails" || m.field === "email") {
        flags.push(`${sourceId}: ${m.path} ${JSON.stringify(raw)} is not an email address, left out`);
        continue;
      }
      return { ok: false, reason: `${object} ${sourceId}, field ${m.path}: ${result.error}` };
    }
    flags.push(...result.warnings.map((w) => w.message));
    let value = result.value;
    if (value === null || value === undefined || value === "") continue;
    const picker = destination.pickers[`${entity}.${m.field}`];
    if (picker) {
      const id = picker[String(value).trim().toLowerCase()];
      if (id === undefined) {
        flags.push(`${sourceId}: ${m.path} ${JSON.stringify(value)} has no choice in ${m.field}, left empty`);
        continue;
      }
      value = id;
    }
    if ((m.field === "emails" || m.field === "email") && !EMAIL.test(String(value))) {
      flags.push(`${sourceId}: ${m.path} ${JSON.stringify(value)} is not an email address, left out`);
      continue;
    }
    if (m.field === "emails") value = [String(value)];
    fields[m.field] = value as FsFields[string];
  }
  return { ok: true, fields, flags };
}
