import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountNameKey } from "@/lib/mapping/account-names";
import { db } from "@/lib/server/db";
import { approveDraft } from "./approvals";
import { approveEverything } from "../../../test/support/approve-all";
import { readDrafts } from "./drafts";
import { runPreflight } from "./preflight";
import { CLOCK_SCALE, createReviewFixture, type ReviewFixture } from "../../../test/support/review";
import { ensureProposed, saveRouting } from "./review-service";

process.env.SANDBOX_CLOCK_SCALE = String(CLOCK_SCALE);

let fx: ReviewFixture;
let acme: string[];

/** Renames staged companies so that some share a name: what Visual Practice allows and Freshsales does not. */
async function shareNames(): Promise<string[]> {
  const rows = await db().stagedRecord.findMany({ where: { migrationId: fx.migrationId, collection: "companies", deleted: false }, orderBy: { sourceId: "asc" } });
  const plan: [string, string | null][] = [["Acme", "York"], ["ACME ", "Leeds"], [" acme", null]];
  const ids = rows.slice(0, plan.length).map((r) => r.sourceId);
  for (const [i, [name, city]] of plan.entries()) {
    const row = rows[i]!;
    await db().stagedRecord.update({ where: { migrationId_collection_sourceId: { migrationId: fx.migrationId, collection: "companies", sourceId: row.sourceId } }, data: { data: { ...(row.data as object), name, city } } });
  }
  return ids;
}

beforeAll(async () => {
  fx = await createReviewFixture("destination rules", 300);
  acme = await shareNames();
  // An account the customer already has, under the name the policy would give the second Acme.
  fx.emulator.admin.load({ records: { sales_accounts: [{ name: "Acme (Leeds)" }] } });
  await ensureProposed(db(), fx.admin, fx.migrationId);
});
afterAll(async () => {
  await fx?.close();
});

describe("account names in the preflight", () => {
  it("counts the companies sharing a name, lists each group, and refuses a made-up name Freshsales already has", async () => {
    await approveEverything(fx.admin, fx.migrationId);
    const result = await runPreflight(db(), fx.admin, fx.migrationId);
    // Independently of the preflight: the groups from the staged names.
    const staged = await db().stagedRecord.findMany({ where: { migrationId: fx.migrationId, collection: "companies", deleted: false } });
    const perName = new Map<string, number>();
    for (const r of staged) {
      const key = accountNameKey((r.data as { name?: string }).name);
      if (key) perName.set(key, (perName.get(key) ?? 0) + 1);
    }
    const shared = [...perName.values()].filter((n) => n > 1);
    expect(result.accountNames).toMatchObject({ policy: "suffix-city", groups: shared.length, extraAccounts: shared.reduce((t, n) => t + n - 1, 0) });
    expect(result.accountNames?.examples).toContainEqual({ name: "Acme", count: 3, sourceIds: acme, cities: ["York", "Leeds", null] });
    expect(result.accountNames?.clashes).toEqual([{ sourceId: acme[1], name: "ACME (Leeds)" }]);
    expect(result.problems).toContainEqual(expect.stringContaining(`Account name "ACME (Leeds)", which policy suffix-city gives ${acme[1]}, is already a Freshsales account`));
    expect(result.passed).toBe(false);
  });

  it("takes another policy from the map review, audited, and the clash is gone", async () => {
    const routing = (await readDrafts(db(), fx.migrationId)).routing!;
    await saveRouting(db(), fx.admin, fx.migrationId, { ...routing.data, accountNames: "suffix-id" }, routing.versionHash);
    const event = await db().auditEvent.findFirst({ where: { migrationId: fx.migrationId, action: "mapping.routing.edited" }, orderBy: { seq: "desc" } });
    expect(event?.detail).toMatchObject({ policies: { accountNames: { from: "suffix-city", to: "suffix-id" } } });
    const after = (await readDrafts(db(), fx.migrationId)).routing!;
    await approveDraft(db(), fx.admin, fx.migrationId, "routing", after.versionHash);
    const result = await runPreflight(db(), fx.admin, fx.migrationId);
    expect(result.accountNames).toMatchObject({ policy: "suffix-id", clashes: [] });
    expect(result.accountNames!.renamed).toBe(result.accountNames!.extraAccounts);
    expect(result.problems.filter((p) => p.startsWith("Account name"))).toEqual([]);
  });
});
