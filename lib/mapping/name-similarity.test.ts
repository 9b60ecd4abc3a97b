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
    expect(fold("cnt")).toEqual(["count:abbreviation"]);
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
    const partial = compareNames(d("billing city"), d("city"), none);
    expect(partial.kind).toBe("partial");
    expect(partial.score).toBeLessThan(0.5);
  });

  it("recognises initials", () => {
    expect(acronymMatch("dob", "Date of birth")).toBe(true);
    expect(acronymMatch("db", "Date of birth")).toBe(true);
    expect(acronymMatch("dob", "Deal owner")).toBe(false);
  });
});
