/** Matching source picklist values to destination choices: exact, normalised, then closest. */

export type ChoiceMatchKind = "exact" | "normalised" | "closest" | "none";

export function normaliseLabel(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function bigrams(s: string): string[] {
  const t = ` ${s} `;
  const out: string[] = [];
  for (let i = 0; i < t.length - 1; i++) out.push(t.slice(i, i + 2));
  return out;
}

/** Dice coefficient over character bigrams of the normalised labels, 0..1. */
export function labelSimilarity(a: string, b: string): number {
  const x = bigrams(normaliseLabel(a));
  const y = bigrams(normaliseLabel(b));
  if (x.length === 0 || y.length === 0) return 0;
  const pool = new Map<string, number>();
  for (const g of y) pool.set(g, (pool.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of x) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      common++;
      pool.set(g, n - 1);
    }
  }
  return (2 * common) / (x.length + y.length);
}

export interface ChoiceMatch {
  choice: string | null;
  kind: ChoiceMatchKind;
  similarity: number;
}

/** Best destination choice for one value; "closest" needs a clear winner above `minSimilarity`. */
export function matchChoice(value: string, choices: readonly string[], minSimilarity = 0.6): ChoiceMatch {
  if (choices.includes(value)) return { choice: value, kind: "exact", similarity: 1 };
  const norm = normaliseLabel(value);
  const normalised = choices.find((c) => normaliseLabel(c) === norm);
  if (normalised !== undefined) return { choice: normalised, kind: "normalised", similarity: 1 };
  let best: string | null = null;
  let bestScore = 0;
  let second = 0;
  for (const c of choices) {
    const s = labelSimilarity(value, c);
    if (s > bestScore) {
      second = bestScore;
      bestScore = s;
      best = c;
    } else if (s > second) second = s;
  }
  if (best !== null && bestScore >= minSimilarity && bestScore - second >= 0.05) {
    return { choice: best, kind: "closest", similarity: bestScore };
  }
  return { choice: null, kind: "none", similarity: bestScore };
}

export interface ValueMapProposal {
  valueMap: Record<string, string>;
  matches: { value: string; choice: string | null; kind: ChoiceMatchKind }[];
  /** Source values with no destination choice: the admin adds the choice or maps them by hand. */
  unmapped: string[];
  /** Share of source values that found a choice (exact or normalised only). */
  overlap: number;
}

export function proposeValueMap(values: readonly string[], choices: readonly string[]): ValueMapProposal {
  const matches = values.map((value) => ({ value, ...matchChoice(value, choices) }));
  const valueMap: Record<string, string> = {};
  for (const m of matches) if (m.choice !== null) valueMap[m.value] = m.choice;
  const sure = matches.filter((m) => m.kind === "exact" || m.kind === "normalised").length;
  return {
    valueMap,
    matches: matches.map(({ value, choice, kind }) => ({ value, choice, kind })),
    unmapped: matches.filter((m) => m.choice === null).map((m) => m.value),
    overlap: values.length === 0 ? 0 : sure / values.length,
  };
}
