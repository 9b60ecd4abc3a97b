import type { BuildContext } from "./dataset";
import { cleanRef, farYear, ownerId, withControlChars } from "./fields";
import { isoSeconds } from "./ids";
import type { Json, JsonObject } from "./json";
import type { Rng } from "./prng";
import { CALL_SUBJECTS, CITIES, SENTENCES, UNICODE_NAMES } from "./words";

const MINUTE_MS = 60_000;
/** "1 MB note bodies": at least one mebibyte of UTF-8. */
export const HUGE_NOTE_BYTES = 1024 * 1024;
export const ACTIVITY_TYPES = ["call", "email", "note", "meeting"] as const;
type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** 30 % calls, 30 % emails, 25 % notes, 15 % meetings. */
function typeFromDraw(draw: number): ActivityType {
  return draw < 0.3 ? "call" : draw < 0.6 ? "email" : draw < 0.85 ? "note" : "meeting";
}

function paragraph(rng: Rng, sentences: number): string {
  return Array.from({ length: sentences }, () => rng.pick(SENTENCES)).join(" ");
}

function hugeBody(rng: Rng): string {
  const block = `${paragraph(rng, 12)}\n`;
  return block.repeat(Math.ceil(HUGE_NOTE_BYTES / block.length));
}

export function activityFields(ctx: BuildContext): JsonObject {
  const { ds, rng, dirty, updatedAtMs } = ctx;
  const draw = rng.next();
  const type = dirty === "huge_note" ? "note" : typeFromDraw(draw);
  let contactId = rng.chance(0.8) ? cleanRef(ctx, "contacts") : null;
  const companyId = rng.chance(0.4) ? cleanRef(ctx, "companies") : null;
  const dealId = rng.chance(0.3) ? cleanRef(ctx, "deals") : null;
  if (!contactId && !companyId && !dealId) contactId = cleanRef(ctx, "contacts");
  const orphan = dirty === "orphan_activity";
  let occurredMs = updatedAtMs - rng.int(0, 30 * 24 * 60) * MINUTE_MS;
  if (dirty === "far_date") occurredMs = Date.UTC(farYear(rng), rng.int(0, 11), rng.int(1, 28), rng.int(8, 17));
  const occurredAt = isoSeconds(Math.floor(occurredMs / 1000) * 1000);
  let subject = type === "note" ? "Clinical note" : type === "meeting" ? "Consultation" : rng.pick(CALL_SUBJECTS);
  if (dirty === "control_chars") subject = withControlChars(subject, rng);
  if (dirty === "unicode_name") subject = `${subject}: ${rng.pick(UNICODE_NAMES).join(" ")}`;
  const duration = type === "note" ? null : type === "email" ? null : rng.int(5, 90);
  const fields: JsonObject = {
    type,
    subject,
    body: dirty === "huge_note" ? hugeBody(rng) : paragraph(rng, rng.int(1, 4)),
    occurred_at: occurredAt,
    duration_minutes: duration,
    owner_id: ownerId(ctx),
    contact_id: orphan ? null : contactId,
    company_id: orphan ? null : companyId,
    deal_id: orphan ? null : dealId,
  };
  if (type === "meeting") {
    const attendees: Json[] = [];
    const count = rng.int(1, 3);
    for (let k = 0; k < count; k++) {
      const j = ds.pickClean("contacts", rng);
      if (j < 0) break;
      const person = ds.record("contacts", j);
      attendees.push({ email: person.email ?? null, name: `${String(person.first_name)} ${String(person.last_name)}` });
    }
    fields.start_at = occurredAt;
    fields.end_at = isoSeconds(Math.floor(occurredMs / 1000) * 1000 + (duration ?? 30) * MINUTE_MS);
    fields.location = rng.chance(0.3) ? "Video call" : `${rng.pick(CITIES)[0]} clinic, room ${rng.int(1, 12)}`;
    fields.attendees = attendees;
  }
  return fields;
}

/**
 * An activity's type without building it (for `?type=` over a whole collection). It mirrors
 * the draw order of Dataset.record: case draw, age draw, then the type draw.
 */
export function activityTypeOf(ds: BuildContext["ds"], index: number): ActivityType {
  if (ds.caseOf("activities", index) === "huge_note") return "note";
  const rng = ds.rng("activities", index);
  rng.next();
  rng.next();
  return typeFromDraw(rng.next());
}
