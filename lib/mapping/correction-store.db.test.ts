import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { loadCorrections, saveCorrections } from "./correction-store";
import { DESTINATION } from "@/test/fixtures/mapping/destination-schema";
import { makeProfile } from "@/test/fixtures/mapping/make-profile";
import { applyFieldMapEdits } from "./edit-field-map";
import { correctionsFrom, LEARNED_CONFIDENCE, offerCorrections } from "./learned-corrections";
import { proposeFieldMap } from "./propose-field-map";

let orgA = "";
let orgB = "";
const created: string[] = [];

// "Referral partner" has no standard home, so the engine proposes a new field; the reviewer of
// organisation A knows their export keeps the marketing medium there.
const profile = makeProfile("contact", "custom_properties.Referral_Partner", "text", { label: "Referral partner" });
const ID = "contact.custom_properties.Referral_Partner->contacts";

beforeAll(async () => {
  orgA = (await db().organization.create({ data: { name: "Learning A" } })).id;
  orgB = (await db().organization.create({ data: { name: "Learning B" } })).id;
  created.push(orgA, orgB);
});
afterAll(async () => {
  await db().mappingCorrection.deleteMany({ where: { organizationId: { in: created } } });
  await db().organization.deleteMany({ where: { id: { in: created } } });
});

describe("learning from the reviewer", () => {
  it("offers a correction made in one migration first in the organisation's next one, and never to another organisation", async () => {
    const first = proposeFieldMap([profile], DESTINATION).mappings;
    expect(first.find((m) => m.id === ID)?.decision.kind).toBe("create_custom_field");
    const edited = applyFieldMapEdits(first, [{ id: ID, status: "accepted", decision: { kind: "field", field: "medium" } }], DESTINATION);
    const learned = correctionsFrom(first, edited, "migration-1");
    expect(learned).toHaveLength(1);
    await saveCorrections(db(), orgA, learned, null);

    // The same column, spelt as the next export spells it.
    const next = makeProfile("contact", "custom_properties.referral_partner", "text", { label: "Referral partner" });
    const proposed = proposeFieldMap([next], DESTINATION).mappings;
    const forA = offerCorrections(proposed, await loadCorrections(db(), orgA, "migration-2"), [next], DESTINATION);
    expect(forA[0]).toMatchObject({ decision: { kind: "field", field: "medium" }, confidence: LEARNED_CONFIDENCE, proposedBy: "person", status: "proposed" });
    expect(forA[0]?.reason).toMatch(/^your reviewer's correction in an earlier migration of this organisation/);

    const forB = offerCorrections(proposed, await loadCorrections(db(), orgB, "migration-2"), [next], DESTINATION);
    expect(forB).toEqual(proposed);
    // A migration does not learn from itself: its own edits already carry over as decisions.
    expect(await loadCorrections(db(), orgA, "migration-1")).toEqual([]);
  });

  it("keeps one correction per column and entity: the latest wins", async () => {
    const base = proposeFieldMap([profile], DESTINATION).mappings;
    for (const [field, migration] of [["medium", "m-a"], ["keyword", "m-b"]] as const) {
      const edited = applyFieldMapEdits(base, [{ id: ID, status: "accepted", decision: { kind: "field", field } }], DESTINATION);
      await saveCorrections(db(), orgB, correctionsFrom(base, edited, migration), null);
    }
    const rows = await loadCorrections(db(), orgB);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ decision: { kind: "field", field: "keyword" }, learnedFromMigrationId: "m-b" });
  });

  it("does not offer a correction whose field already receives another column", async () => {
    const other = makeProfile("contact", "custom_properties.utm_medium", "text", { label: "Medium" });
    const proposed = proposeFieldMap([other, profile], DESTINATION).mappings;
    expect(proposed.find((m) => m.source.path.endsWith("utm_medium"))?.decision).toEqual({ kind: "field", field: "medium" });
    const offered = offerCorrections(proposed, await loadCorrections(db(), orgA, "migration-2"), [other, profile], DESTINATION);
    expect(offered).toEqual(proposed);
  });
});
