/**
 * Field-name matching: a name is split into words, custom prefixes and filler words dropped,
 * and every word folded onto a canonical word, first through the vocabulary, then through
 * rules that generalise past it (spelling variants, compounds, abbreviations). Each fold
 * carries a quality so a guess from an abbreviation never scores like an exact synonym.
 */
import { CONCEPTS, GENERIC_WORDS, NOISE_WORDS, PHRASES, PREFIX_TOKENS, QUALIFIER_WORDS, WORD_GROUPS } from "./vocabulary";

export type FoldKind = "exact" | "spelling" | "compound" | "abbreviation" | "unknown";

/** Quality of a fold by edit distance: a guess, unlike a spelling key (ph/f, umlauts) at 0.95. */
const NEAR_SPELLING = 0.9;

/** A fold that guesses (a near spelling, an abbreviation) rather than reads a known word. */
export const isGuess = (w: FoldedWord) => w.via === "abbreviation" || (w.via === "spelling" && w.quality <= NEAR_SPELLING);

export interface FoldedWord {
  raw: string;
  word: string;
  quality: number;
  via: FoldKind;
}

export interface NameDescription {
  words: FoldedWord[];
  /** Canonical words, deduplicated. */
  set: Set<string>;
  /** Lowest fold quality: a name is only as sure as its weakest word. */
  quality: number;
  concepts: Set<string>;
  /** Qualifying words set aside ("billing" in "Billing City"): the name is one of several of its kind. */
  qualifiers: string[];
  /** The meanings of each word alone, and of the known non-generic words together (computed once per name, not per comparison). */
  wordConcepts: Set<string>[];
  knownConcepts: Set<string>;
  /** Every known word was guessed (near spelling, abbreviation). */
  guessed: boolean;
}

const phraseList = Object.entries(PHRASES).map(([from, to]) => [` ${from} `, ` ${to} `] as const);

/** Rewrites the vocabulary's idioms in a token list ("raison sociale" -> "company name"). */
function rewritePhrases(tokens: string[]): string[] {
  let text = ` ${tokens.join(" ")} `;
  for (const [from, to] of phraseList) text = text.split(from).join(to);
  return text.split(" ").filter((t) => t.length > 0);
}

/** `splitCamel: false` keeps brand-style names whole ("LinkedIn" is one word, not "linked in"). */
export function rawTokens(text: string, splitCamel = true): string[] {
  const base = text
    .replace(/ß/g, "ss")
    .replace(/[æÆ]/g, "ae")
    .replace(/[øØ]/g, "o")
    .replace(/[œŒ]/g, "oe")
    // Units and signs name words: "Win %", "N° TVA", "Nº de empleados".
    .replace(/%/g, " percent ")
    .replace(/\b[Nn][°º]|№/g, " no ")
    // Dotted initials are one abbreviation: "C.P." is cp, not the custom prefix c plus p.
    .replace(/\b(?:\p{L}\.){2,}/gu, (m) => ` ${m.replace(/\./g, "")} `);
  const folded = (splitCamel ? base.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2") : base)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/#/g, " no ");
  const tokens = folded.split(/[^a-z0-9]+/).filter((t) => t.length > 0);
  let stripped = 0;
  while (tokens.length > 1 && stripped < 2 && PREFIX_TOKENS.has(tokens[0] ?? "")) {
    tokens.shift();
    stripped++;
  }
  return rewritePhrases(tokens);
}

/** Spelling key: folds the usual cross-language spelling differences (ph/f, c/k, umlaut digraphs). */
export function spellingKey(word: string): string {
  let k = word
    .replace(/ae/g, "a")
    .replace(/oe/g, "o")
    .replace(/ue/g, "u")
    .replace(/ph/g, "f")
    .replace(/th/g, "t")
    .replace(/ck/g, "k")
    .replace(/qu/g, "k")
    .replace(/c(?=[eiy])/g, "s")
    .replace(/c/g, "k")
    .replace(/y/g, "i")
    .replace(/w/g, "v")
    .replace(/z/g, "s")
    .replace(/(.)\1+/g, "$1");
  if (k.length > 4) k = k.replace(/[aeio]+$/, "");
  return k;
}

function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

const conceptIndex = new Map<string, Set<string>>();
for (const [concept, phrases] of Object.entries(CONCEPTS)) {
  for (const phrase of phrases) {
    const key = [...new Set(phrase)].sort().join(" ");
    const set = conceptIndex.get(key) ?? new Set<string>();
    set.add(concept);
    conceptIndex.set(key, set);
  }
}

export function conceptsOfWords(set: Set<string>): Set<string> {
  return conceptIndex.get([...set].sort().join(" ")) ?? new Set();
}

/** The known words for one matching run: the vocabulary plus the destination's own words. */
export class Lexicon {
  private readonly variants = new Map<string, string>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly keyOf = new Map<string, string>();
  private readonly folded = new Map<string, FoldedWord[]>();

  constructor(extraWords: Iterable<string> = []) {
    for (const [canonical, variants] of Object.entries(WORD_GROUPS)) {
      this.add(canonical, canonical);
      for (const v of variants) this.add(v, canonical);
    }
    for (const phrases of Object.values(CONCEPTS)) for (const p of phrases) for (const w of p) this.add(w, w);
    for (const w of GENERIC_WORDS) this.add(w, w);
    for (const w of extraWords) if (w.length > 1 && !NOISE_WORDS.has(w)) this.add(w, w);
  }

  private add(variant: string, canonical: string): void {
    if (!this.variants.has(variant)) this.variants.set(variant, canonical);
    const key = spellingKey(variant);
    this.keyOf.set(variant, key);
    const set = this.byKey.get(key) ?? new Set<string>();
    set.add(this.variants.get(variant) ?? canonical);
    this.byKey.set(key, set);
  }

  /** Folds one token; returns several words when it is a compound ("telefonnummer"). */
  fold(token: string): FoldedWord[] {
    let hit = this.folded.get(token);
    if (!hit) {
      hit = this.foldUncached(token);
      this.folded.set(token, hit);
    }
    return hit;
  }

  private foldUncached(token: string): FoldedWord[] {
    if (NOISE_WORDS.has(token)) return [];
    if (/^\d+$/.test(token)) return [{ raw: token, word: token, quality: 1, via: "exact" }];
    const exact = this.variants.get(token);
    if (exact) return [{ raw: token, word: exact, quality: 1, via: "exact" }];
    const spelled = this.bySpelling(token);
    if (spelled) return [{ raw: token, word: spelled, quality: 0.95, via: "spelling" }];
    const compound = this.splitCompound(token);
    if (compound) return compound;
    // A near spelling of a whole known word ("denominacion") is read before a known tail alone ("denomi|nation").
    const near = this.byEditDistance(token);
    if (near) return [{ raw: token, word: near, quality: NEAR_SPELLING, via: "spelling" }];
    const tailed = this.knownTail(token);
    if (tailed) return tailed;
    const abbr = this.byAbbreviation(token);
    if (abbr) return [{ raw: token, word: abbr.word, quality: abbr.quality, via: "abbreviation" }];
    return [{ raw: token, word: token, quality: 1, via: "unknown" }];
  }

  private bySpelling(token: string): string | undefined {
    const hits = this.byKey.get(spellingKey(token));
    return hits && hits.size === 1 ? [...hits][0] : undefined;
  }

  private exactOrSpelling(part: string): string | undefined {
    if (NOISE_WORDS.has(part)) return "";
    return this.variants.get(part) ?? this.bySpelling(part);
  }

  private splitCompound(token: string): FoldedWord[] | undefined {
    if (token.length < 6) return undefined;
    for (let i = 3; i <= token.length - 2; i++) {
      // German joins compounds with a linking s ("Geburts|datum", "Vertriebs|pipeline").
      const head = token.slice(0, i);
      const a = this.exactOrSpelling(head) ?? (head.endsWith("s") && head.length > 4 ? this.exactOrSpelling(head.slice(0, -1)) : undefined);
      const b = this.exactOrSpelling(token.slice(i));
      if (a === undefined || b === undefined || (a === "" && b === "")) continue;
      // Short tails count only when the vocabulary knows them exactly ("handy" + "nr").
      if (token.length - i < 3 && b !== "" && this.variants.get(token.slice(i)) === undefined) continue;
      return [a, b]
        .filter((w) => w !== "")
        .map((word) => ({ raw: token, word, quality: 0.93, via: "compound" as const }));
    }
    return undefined;
  }

  /** A German compound's last part carries its meaning ("Listen|preis" is a price): an unknown
   * head is kept as an unknown word beside a known tail of four letters or more. */
  private knownTail(token: string): FoldedWord[] | undefined {
    if (token.length < 7) return undefined;
    for (let i = 3; i <= token.length - 4; i++) {
      const tail = this.variants.get(token.slice(i));
      if (tail === undefined || token.slice(i).length < 4) continue;
      return [
        { raw: token, word: token.slice(0, i), quality: 0.9, via: "unknown" as const },
        { raw: token, word: tail, quality: 0.9, via: "compound" as const },
      ];
    }
    return undefined;
  }

  private byEditDistance(token: string): string | undefined {
    if (token.length < 5) return undefined;
    const key = spellingKey(token);
    const max = key.length >= 8 ? 2 : 1;
    // Near in spelling key; when several words are, the one nearest as written wins, if alone.
    const near = new Map<string, number>();
    for (const [variant, canon] of this.variants) {
      const k = this.keyOf.get(variant) ?? "";
      if (k.length < 4 || editDistance(key, k, max) > max) continue;
      const raw = editDistance(token, variant, token.length);
      near.set(canon, Math.min(near.get(canon) ?? Infinity, raw));
    }
    const ranked = [...near.entries()].sort((a, b) => a[1] - b[1]);
    const [first, second] = ranked;
    if (!first) return undefined;
    return second === undefined || second[1] > first[1] ? first[0] : undefined;
  }

  private byAbbreviation(token: string): { word: string; quality: number } | undefined {
    const skeletonOf = (w: string) => w[0] + w.slice(1).replace(/[aeiou]/g, "");
    if (token.length < 2) return undefined;
    if (token.length === 2) {
      // Two letters are too few to guess from, unless they are a word's whole consonant skeleton ("cd" for code).
      const whole = new Set([...this.variants].filter(([v]) => v.length > 2 && skeletonOf(v) === token).map(([, c]) => c));
      return whole.size === 1 ? { word: [...whole][0] ?? "", quality: 0.85 } : undefined;
    }
    // Tiers: a prefix ("empl") or the word's leading consonants ("src" for source) beat a loose
    // subsequence, which only counts when it is the sole reading. Among prefixes the shortest
    // word wins ("prod" is product before productcode).
    // canonical -> [shortest matching variant, number of matching variants]
    const prefix = new Map<string, [number, number]>();
    const skeleton = new Map<string, [number, number]>();
    const note = (m: Map<string, [number, number]>, canon: string, len: number) => {
      const [best, n] = m.get(canon) ?? [Infinity, 0];
      m.set(canon, [Math.min(best, len), n + 1]);
    };
    const subseq = new Set<string>();
    for (const [variant, canon] of this.variants) {
      if (variant.length <= token.length || variant[0] !== token[0]) continue;
      if (token.length / variant.length < 0.25) continue;
      if (variant.startsWith(token)) note(prefix, canon, variant.length);
      else if (skeletonOf(variant).startsWith(token)) note(skeleton, canon, skeletonOf(variant).length);
      else if (isSubsequence(token, variant)) subseq.add(canon);
    }
    // The tightest reading wins: the shortest word ("cnt" is count's whole skeleton, only the start
    // of country's), then the meaning more spellings agree on ("empl": employee, employees, empleados).
    const tightest = (m: Map<string, [number, number]>): string | null => {
      const [first, second] = [...m.entries()].sort((a, b) => a[1][0] - b[1][0] || b[1][1] - a[1][1]);
      if (!first) return null;
      return !second || second[1][0] > first[1][0] || second[1][1] < first[1][1] ? first[0] : null;
    };
    if (prefix.size > 0) {
      const word = tightest(prefix);
      return word ? { word, quality: 0.88 } : undefined;
    }
    if (skeleton.size > 0) {
      const word = tightest(skeleton);
      return word ? { word, quality: 0.87 } : undefined;
    }
    if (skeleton.size === 0 && subseq.size === 1) return { word: [...subseq][0] ?? "", quality: 0.85 };
    return undefined;
  }

  describe(text: string, splitCamel = true): NameDescription {
    const all = rawTokens(text, splitCamel).flatMap((t) => this.fold(t));
    const qualifiers = all.filter((w) => QUALIFIER_WORDS.has(w.word)).map((w) => w.raw);
    // A name that is only a qualifier ("Billing") keeps it as its meaning.
    const words = qualifiers.length < all.length ? all.filter((w) => !QUALIFIER_WORDS.has(w.word)) : all;
    const set = new Set(words.map((w) => w.word));
    const quality = words.length === 0 ? 0 : Math.min(...words.map((w) => w.quality));
    const known = new Set(words.filter((w) => w.via !== "unknown" && !GENERIC_WORDS.has(w.word)).map((w) => w.word));
    return {
      words,
      set,
      quality,
      concepts: conceptsOfWords(set),
      qualifiers: qualifiers.length < all.length ? qualifiers : [],
      wordConcepts: [...set].map((w) => conceptsOfWords(new Set([w]))),
      knownConcepts: conceptsOfWords(known),
      guessed: words.some((w) => w.via !== "unknown") && words.filter((w) => w.via !== "unknown").every(isGuess),
    };
  }
}

export interface NameMatch {
  score: number;
  kind: "same_concept" | "same_words" | "same_core" | "acronym" | "partial" | "none";
  /** Words that needed a fuzzy fold, for the reason text ("tel→phone"). */
  folds: string[];
  /** Qualifying words of the source the destination lacks ("billing"). */
  qualifiers?: string[];
  /** Every known word of the source was guessed (near spelling, abbreviation): never sure on its own. */
  guessed?: boolean;
}

/** How well a source name matches a destination name, 0..1. */
/** "dob" for "Date of birth": a short all-letters name spelling the initials of the destination's words. */
export function acronymMatch(sourceName: string, destName: string): boolean {
  const src = rawTokens(sourceName);
  if (src.length !== 1) return false;
  const token = src[0] ?? "";
  if (token.length < 2 || token.length > 5 || !/^[a-z]+$/.test(token)) return false;
  const words = rawTokens(destName);
  if (words.length < 2) return false;
  const all = words.map((w) => w[0]).join("");
  const meaningful = words.filter((w) => !NOISE_WORDS.has(w)).map((w) => w[0]).join("");
  return token === all || (meaningful.length >= 2 && token === meaningful);
}

/** A qualified name ("Billing City") on an unqualified field: a likely home, never a sure one. */
export const QUALIFIED_FACTOR = 0.88;
/** Score of a name whose known words agree and whose other words the vocabulary does not know. */
const UNKNOWN_MODIFIER = 0.7;

export function compareNames(source: NameDescription, dest: NameDescription, destConcepts: Set<string>): NameMatch {
  const m0 = compareWords(source, dest, destConcepts);
  const m = source.guessed && m0.score > 0 ? { ...m0, guessed: true } : m0;
  const unmatched = source.qualifiers.filter((q) => !dest.qualifiers.includes(q));
  if (unmatched.length === 0 || m.score === 0) return m;
  return { ...m, score: m.score * QUALIFIED_FACTOR, qualifiers: unmatched };
}

/** Generic words that say what kind of value a field holds: an identifier, a name or a type. */
const KIND_OF_VALUE: Record<string, string> = { number: "id", id: "id", code: "id", name: "name", type: "type" };

/** "Account name" and "Account type" share their core word but not the kind of value ("Tax no." and "Tax ID" do). */
function differentKind(a: Set<string>, b: Set<string>): boolean {
  const kinds = (s: Set<string>) => new Set([...s].flatMap((w) => (KIND_OF_VALUE[w] ? [KIND_OF_VALUE[w]] : [])));
  const [ka, kb] = [kinds(a), kinds(b)];
  return ka.size > 0 && kb.size > 0 && ![...ka].some((k) => kb.has(k));
}

function compareWords(source: NameDescription, dest: NameDescription, destConcepts: Set<string>): NameMatch {
  const folds = source.words.filter((w) => w.via !== "exact" && w.via !== "unknown").map((w) => `${w.raw}→${w.word}`);
  if (source.set.size === 0 || dest.set.size === 0) return { score: 0, kind: "none", folds };
  const shared = [...source.concepts].some((c) => destConcepts.has(c));
  if (shared) return { score: 0.97 * source.quality, kind: "same_concept", folds };
  const same = source.set.size === dest.set.size && [...source.set].every((w) => dest.set.has(w));
  if (same) return { score: 0.96 * source.quality, kind: "same_words", folds };
  const core = (s: Set<string>) => [...s].filter((w) => !GENERIC_WORDS.has(w));
  const sc = core(source.set);
  const dc = new Set(core(dest.set));
  if (sc.length > 0 && sc.length === dc.size && sc.every((w) => dc.has(w)) && !differentKind(source.set, dest.set)) {
    return { score: 0.9 * source.quality, kind: "same_core", folds };
  }
  // Words the vocabulary does not know ("Prénom usuel", "Ort der Niederlassung") do not argue for
  // another field the way a known extra word does ("billing city"): with the rest agreeing, the
  // field is a likely home, proposed for review and never for the bulk accept.
  const known = sc.filter((w) => source.words.some((x) => x.word === w && x.via !== "unknown"));
  const names = (cs: Set<string>) => [...cs].some((c) => destConcepts.has(c));
  if (known.length > 0 && known.length < sc.length && ((known.length === dc.size && known.every((w) => dc.has(w))) || names(source.knownConcepts))) {
    return { score: UNKNOWN_MODIFIER * source.quality, kind: "same_core", folds };
  }
  // A German compound's last part carries its meaning ("Abschluss|wahrscheinlichkeit" is a
  // probability): a one-word compound whose tail names the field is a likely home, for review.
  const parts = source.words;
  const tail = parts[parts.length - 1];
  if (parts.length === 2 && tail?.via === "compound" && parts[0]?.raw === tail.raw && names(conceptsOfWords(new Set([tail.word])))) {
    return { score: UNKNOWN_MODIFIER * source.quality, kind: "same_core", folds };
  }
  // Words that each name the same meaning name it together ("Deal Title": both a deal's name).
  const each = source.wordConcepts;
  if (source.set.size > 1 && each.every((cs) => cs.size > 0) && [...(each[0] ?? [])].some((c) => destConcepts.has(c) && each.every((cs) => cs.has(c)))) {
    return { score: 0.9 * source.quality, kind: "same_concept", folds };
  }
  // Generic words count for little; an extra meaningful word usually names a different field
  // ("billing city" is not "city"), so partial overlaps stay well below the mapping threshold.
  const weight = (w: string) => (GENERIC_WORDS.has(w) ? 0.3 : 1);
  const sum = (ws: Iterable<string>) => [...ws].reduce((t, w) => t + weight(w), 0);
  const common = sum([...source.set].filter((w) => dest.set.has(w)));
  if (common === 0) return { score: 0, kind: "none", folds };
  const dice = (2 * common) / (sum(source.set) + sum(dest.set));
  return { score: 0.6 * dice * source.quality, kind: "partial", folds };
}
