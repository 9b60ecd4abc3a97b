import { describe, expect, it } from "vitest";
import { deletableInFreshsales } from "./deletions";

describe("which source deletions may be carried out in Freshsales", () => {
  it("offers deleting a company, contact or deal the run created", () => {
    for (const objectType of ["companies", "contacts", "deals"]) expect(deletableInFreshsales({ objectType, createdByRun: true })).toEqual({ ok: true });
  });
  it("offers only keeping a record that was in Freshsales before the migration", () => {
    expect(deletableInFreshsales({ objectType: "contacts", createdByRun: false })).toMatchObject({ ok: false, why: expect.stringMatching(/before the migration/) });
  });
  it("offers only keeping an activity or a file, which go with the record they belong to", () => {
    expect(deletableInFreshsales({ objectType: "activities", createdByRun: true })).toMatchObject({ ok: false, why: expect.stringMatching(/activities are removed with the record/) });
  });
});
