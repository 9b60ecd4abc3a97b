/**
 * What the duplicate policies do in a plan: per effect (a duplicate email merged, kept apart or
 * left to the first; a record already in Freshsales updated, filled or skipped), how many
 * records and which. Read from the predictions' reasons and flags, which are the engine's own
 * ledger wording, so the page shows what the ledger will say.
 */
import type { Prediction } from "./predict";

export interface PolicyEffect {
  effect: string;
  objectType: string;
  count: number;
  /** The records affected, in source-id order (the first 200; the CSV has them all). */
  sourceIds: string[];
}

const LISTED = 200;

const EFFECTS: { test: RegExp; effect: string }[] = [
  { test: /merged into \S+ \(policy: merge\)/, effect: "Duplicate email: merged into the first contact" },
  { test: /merged \S.* into this contact \(policy: merge\)/, effect: "Duplicate email: the contact others are merged into" },
  { test: /\(policy: keep apart\)/, effect: "Duplicate email: kept apart, written without the email" },
  { test: /\(policy: first wins\)$/, effect: "Duplicate email: skipped, the first wins" },
  { test: /^a destination contact already .*policy: skip/, effect: "Contact already in Freshsales: skipped" },
  { test: /^a destination contact already .*policy: fill empty/, effect: "Contact already in Freshsales: empty fields filled" },
  { test: /^a destination contact already .*policy: update/, effect: "Contact already in Freshsales: updated" },
  { test: /^a destination account already .*policy: skip/, effect: "Account already in Freshsales (same name): skipped" },
  { test: /^a destination account already .*policy: fill empty/, effect: "Account already in Freshsales (same name): empty fields filled" },
  { test: /^a destination account already .*policy: update/, effect: "Account already in Freshsales (same name): updated" },
];

/** The effect a prediction shows, if a duplicate policy decided it. */
export function policyEffectOf(p: Pick<Prediction, "reason" | "flags">): string | undefined {
  for (const text of [p.reason, ...p.flags]) {
    if (!text) continue;
    const hit = EFFECTS.find((e) => e.test.test(text));
    if (hit) return hit.effect;
  }
  return undefined;
}

export function policyEffects(predictions: readonly Prediction[]): PolicyEffect[] {
  const byKey = new Map<string, PolicyEffect>();
  for (const p of predictions) {
    const effect = policyEffectOf(p);
    if (!effect) continue;
    const key = `${p.objectType}|${effect}`;
    const e = byKey.get(key) ?? { effect, objectType: p.objectType, count: 0, sourceIds: [] };
    byKey.set(key, e);
    e.count++;
    e.sourceIds.push(p.sourceId);
  }
  const out = [...byKey.values()];
  for (const e of out) e.sourceIds = e.sourceIds.sort().slice(0, LISTED);
  return out.sort((a, b) => (a.objectType === b.objectType ? a.effect.localeCompare(b.effect) : a.objectType.localeCompare(b.objectType)));
}
