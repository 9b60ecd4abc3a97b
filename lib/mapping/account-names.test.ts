import { describe, expect, it } from "vitest";
import { assignAccountNames, duplicateNameGroups, type NamedCompany } from "./account-names";

const co = (id: string, name: string | null, city: string | null = null): NamedCompany => ({ id, name, city });

const companies = [
  co("co_3", "acme ", "Leeds"),
  co("co_1", "Acme", "York"),
  co("co_2", "ACME", null),
  co("co_4", "Beta Ltd", "Leeds"),
  co("co_5", "Solo", "Hull"),
  co("co_6", "", "Hull"),
  co("co_7", null, "Hull"),
];

const names = (m: Map<string, unknown>) => Object.fromEntries([...m].map(([id, v]) => [id, (v as { name?: string; kind: string }).name ?? (v as { kind: string }).kind]));

describe("duplicateNameGroups", () => {
  it("groups names case-insensitively and trimmed, in source-id order, ignoring blank names", () => {
    expect(duplicateNameGroups(companies)).toEqual([{ key: "acme", name: "Acme", ids: ["co_1", "co_2", "co_3"], cities: ["York", null, "Leeds"] }]);
  });
});

describe("assignAccountNames", () => {
  it("suffix-city: the first keeps its name, later ones get their city, the source id when they have none", () => {
    const out = assignAccountNames(companies, "suffix-city");
    expect(names(out)).toEqual({ co_2: "ACME (vp co_2)", co_3: "acme (Leeds)" });
    expect(out.get("co_3")).toMatchObject({ sharedWith: "co_1", reason: expect.stringContaining("is also the name of co_1 (policy suffix city)") });
  });

  it("suffix-city falls back to the source id when the city name is held by another company or a namesake in the same city", () => {
    const out = assignAccountNames([co("co_1", "Acme", "Leeds"), co("co_2", "Acme", "Leeds"), co("co_3", "Acme", "Leeds"), co("co_4", "Acme (York)"), co("co_5", "Acme", "York")], "suffix-city");
    expect(names(out)).toEqual({ co_2: "Acme (Leeds)", co_3: "Acme (vp co_3)", co_5: "Acme (vp co_5)" });
  });

  it("suffix-city avoids names the caller says are taken", () => {
    const out = assignAccountNames([co("co_1", "Acme"), co("co_2", "Acme", "Leeds")], "suffix-city", new Set(["acme (leeds)"]));
    expect(names(out)).toEqual({ co_2: "Acme (vp co_2)" });
  });

  it("suffix-id: every later namesake gets its source id", () => {
    expect(names(assignAccountNames(companies, "suffix-id"))).toEqual({ co_2: "ACME (vp co_2)", co_3: "acme (vp co_3)" });
  });

  it("first-wins: later namesakes are skipped, naming the first", () => {
    const out = assignAccountNames(companies, "first-wins");
    expect([...out.keys()].sort()).toEqual(["co_2", "co_3"]);
    expect(out.get("co_3")).toEqual({ kind: "skipped", firstId: "co_1", reason: 'account name "Acme" already used by co_1 (policy first wins)' });
  });

  it("gives the same names whatever the input order, and from only the namesakes plus the holders of candidate names", () => {
    const all = [...companies, co("co_9", "acme (leeds)")];
    const full = assignAccountNames(all, "suffix-city");
    const shuffled = assignAccountNames([...all].reverse(), "suffix-city");
    const subset = assignAccountNames(all.filter((c) => ["co_1", "co_2", "co_3", "co_9"].includes(c.id)), "suffix-city");
    expect(names(full)).toEqual({ co_2: "ACME (vp co_2)", co_3: "acme (vp co_3)" });
    expect(shuffled).toEqual(full);
    expect(subset).toEqual(full);
  });
});
