import { describe, expect, it } from "vitest";
import { Lexicon, acronymMatch, compareNames, rawTokens, spellingKey } from "./name-similarity";

const lex = new Lexicon(["referral", "service", "tier"]);
const fold = (name: string) => lex.describe(name).words.map((w) => `${w.word}:${w.via}`);

describe("name folding", () => {
  it("splits camelCase, strips custom prefixes and accents", () => {
    expect(rawTokens("vp_JobTitle")).toEqual(["job", "title"]);
    expect(rawTokens("cust_x_Téléphone")).toEqual(["telephone"]);
    expect(rawTokens("x")).toEqual(["x"]);
  });

  it("folds spellings, compounds and abbreviations onto canonical words, saying how", () => {
    expect(spellingKey("telefone")).toBe(spellingKey("telephone").slice(0, spellingKey("telefone").length));
    expect(fold("Telefonnummer")).toEqual(["phone:compound", "number:compound"]);
    expect(fold("adress")).toEqual(["address:spelling"]);
    expect([...lex.describe("empl_cnt").set]).toEqual(["employees", "count"]);
    expect(fold("cntry")).toEqual(["country:abbreviation"]);
    expect(fold("qnty")).toEqual(["count:abbreviation"]);
    expect(fold("prod")).toEqual(["product:abbreviation"]);
    expect(fold("ref_src")).toEqual(["referral:abbreviation", "source:abbreviation"]);
    expect(fold("zip_cd")).toEqual(["zip:exact", "code:abbreviation"]);
    expect(fold("gizmo")).toEqual(["gizmo:unknown"]);
  });

  it("scores same meaning above same core above a partial overlap", () => {
    const d = (s: string) => lex.describe(s);
    const none = new Set<string>();
    expect(compareNames(d("mobile phone"), d("mobile_number"), d("mobile_number").concepts).kind).toBe("same_concept");
    expect(compareNames(d("linkedin_url"), d("linkedin"), none)).toMatchObject({ kind: "same_core", score: 0.9 });
    const partial = compareNames(d("referral city"), d("city"), none);
    expect(partial.kind).toBe("partial");
    expect(partial.score).toBeLessThan(0.5);
  });

  it("sets a qualifier aside but never lets a qualified name match surely: Billing City is a likely city, not a sure one", () => {
    const d = (s: string) => lex.describe(s);
    const billing = compareNames(d("Billing City"), d("city"), new Set());
    expect(billing).toMatchObject({ kind: "same_words", qualifiers: ["billing"] });
    expect(billing.score).toBeLessThan(0.9);
    expect(billing.score).toBeGreaterThan(compareNames(d("referral city"), d("city"), new Set()).score);
    expect(compareNames(d("Billing City"), d("Billing City"), new Set()).qualifiers).toBeUndefined();
  });

  it("reads units, signs, dotted initials and idioms", () => {
    expect(rawTokens("Win %")).toEqual(["win", "percent"]);
    expect(rawTokens("N° TVA")).toEqual(["no", "tva"]);
    expect(rawTokens("C.P.")).toEqual(["cp"]);
    expect(rawTokens("Raison sociale")).toEqual(["company", "name"]);
    expect(fold("Geburtsdatum")).toEqual(["birth:compound", "date:compound"]);
  });

  it("marks a name read only through guesses, which the scorer caps below the 0.9 band", () => {
    const d = (s: string) => lex.describe(s);
    const company = d("company");
    expect(compareNames(d("Organisacion"), company, company.concepts)).toMatchObject({ kind: "same_concept", guessed: true });
    expect(compareNames(d("Organisation"), company, company.concepts).guessed).toBeUndefined();
  });

  it("finds a likely home from the words it knows: beside unknown words, in a compound's tail, or each naming one meaning", () => {
    const d = (s: string) => lex.describe(s);
    const revenue = d("annual revenue");
    expect(compareNames(d("gizmo revenue"), revenue, revenue.concepts)).toMatchObject({ kind: "same_core", score: 0.7 });
    expect(fold("Gizmowahrscheinlichkeit")).toEqual(["gizmo:unknown", "probability:compound"]);
    const probability = d("probability");
    const tail = compareNames(d("Gizmowahrscheinlichkeit"), probability, probability.concepts);
    expect(tail.kind).toBe("same_core");
    expect(tail.score).toBeLessThan(0.8);
    const name = d("name");
    expect(compareNames(d("Deal Title"), name, name.concepts)).toMatchObject({ kind: "same_concept", score: 0.9 });
    // A near spelling of a whole word is read before a known tail alone.
    expect(fold("denomination")).toEqual(["name:spelling"]);
  });

  it("does not take a name for a type or an identifier although their other words agree", () => {
    const d = (s: string) => lex.describe(s);
    const none = new Set<string>();
    expect(compareNames(d("Business name"), d("Business type"), none).kind).not.toBe("same_core");
    expect(compareNames(d("Tax no."), d("Tax ID"), none).kind).toBe("same_core");
  });

  it("recognises initials", () => {
    expect(acronymMatch("dob", "Date of birth")).toBe(true);
    expect(acronymMatch("db", "Date of birth")).toBe(true);
    expect(acronymMatch("dob", "Deal owner")).toBe(false);
  });
});
