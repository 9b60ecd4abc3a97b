/**
 * How one record is answered (creates, reads, updates). The doc shows single answers under
 * their singular root with sideloads beside it, but N8N's bare bodies and the unconfirmed
 * create codes leave room for another reading; the profile (profile.ts) picks one.
 */
import type { EmulatorProfile } from "./profile";
import { ok, type Reply } from "./router";

type Json = Record<string, unknown>;

/** A read or update: `{<root>: record, ...sideloads}`, or sideloads first in the variant. */
export function recordAnswer(profile: EmulatorProfile, root: string, record: Json, side: Json = {}, status = 200): Reply {
  return ok(profile.sideloadsFirst ? { ...side, [root]: record } : { [root]: record, ...side }, status);
}

/**
 * A create. Default: like a read, with `status` (200 for most, 201 for tasks). Variant: 201,
 * the record bare with its id a numeric string, sideloads ahead of the record's own keys
 * (which win on a clash: a bare body cannot hold both).
 */
export function createdAnswer(profile: EmulatorProfile, root: string, record: Json, side: Json = {}, status = 200): Reply {
  const code = profile.creates.status201 ? 201 : status;
  const view = profile.creates.idAsString && typeof record.id === "number" ? { ...record, id: String(record.id) } : record;
  if (!profile.creates.bare) return recordAnswer(profile, root, view, side, code);
  return ok({ ...side, ...view }, code);
}
