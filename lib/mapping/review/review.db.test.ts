import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { versionHash } from "@/lib/mapping/version-hash";
import { parseGateRecords } from "@/lib/gates/gates";
import { db } from "@/lib/server/db";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/server/errors";
import { approveEverything, reviewEverything } from "../../../test/support/approve-all";
import { approveDraft } from "./approvals";
import { assertOwnerConfirmed, loadApprovedMapping, MappingNotApprovedError, OwnerNotApprovedError } from "./approved";
import { readDrafts, readLatestApprovals } from "./drafts";
import { CLOCK_SCALE, createReviewFixture, type ReviewFixture } from "../../../test/support/review";
import { editFieldMap, ensureProposed, saveRouting } from "./review-service";
import { DRAFT_KINDS } from "./schemas";

process.env.SANDBOX_CLOCK_SCALE = String(CLOCK_SCALE);

let fx: ReviewFixture;
let other: ReviewFixture;

beforeAll(async () => {
  fx = await createReviewFixture("map review");
  other = await createReviewFixture("other org", 60);
  await ensureProposed(db(), fx.admin, fx.migrationId);
});
afterAll(async () => {
  await fx?.close();
  await other?.close();
});

const gates = async (id: string) => parseGateRecords((await db().migration.findUniqueOrThrow({ where: { id } })).gates);

describe("Map step drafts", () => {
  it("proposes the four artefacts, each stored with the hash of its content", async () => {
    const drafts = await readDrafts(db(), fx.migrationId);
    for (const kind of DRAFT_KINDS) {
      expect(drafts[kind], kind).toBeDefined();
      expect(drafts[kind]!.versionHash).toBe(versionHash(drafts[kind]!.data));
    }
    const fieldMap = drafts.fieldMap!.data;
    expect(fieldMap.mappings.some((m) => m.id === "contact.email->contacts" && m.decision.kind === "field" && m.decision.field === "emails")).toBe(true);
    const renamed = drafts.stageMap!.data.pipelines.flatMap((p) => p.stages).find((s) => s.destinationStageName === "Initial Assessment Done");
    expect(renamed).toMatchObject({ match: "closest", needsReview: true });
    const statuses = new Set(drafts.owners!.data.report.rows.map((r) => r.status));
    expect(statuses.has("matched")).toBe(true);
    expect([...statuses].some((s) => s !== "matched")).toBe(true);
  });

  it("refuses a member's approval and edits", async () => {
    const drafts = await readDrafts(db(), fx.migrationId);
    await expect(approveDraft(db(), fx.member, fx.migrationId, "routing", drafts.routing!.versionHash)).rejects.toBeInstanceOf(ForbiddenError);
    const id = drafts.fieldMap!.data.mappings[0]!.id;
    await expect(editFieldMap(db(), fx.member, fx.migrationId, [{ id, status: "rejected" }])).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db().approval.count({ where: { migrationId: fx.migrationId } })).toBe(0);
  });

  it("answers another organisation's migration as not found", async () => {
    const drafts = await readDrafts(db(), fx.migrationId);
    await expect(approveDraft(db(), other.admin, fx.migrationId, "routing", drafts.routing!.versionHash)).rejects.toBeInstanceOf(NotFoundError);
    await expect(loadApprovedMapping(db(), other.organizationId, fx.migrationId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses a field map with undecided mappings, naming how many", async () => {
    const drafts = await readDrafts(db(), fx.migrationId);
    const open = drafts.fieldMap!.data.mappings.filter((m) => m.status === "proposed").length;
    expect(open).toBeGreaterThan(0);
    await expect(approveDraft(db(), fx.admin, fx.migrationId, "fieldMap", drafts.fieldMap!.versionHash)).rejects.toThrow(`${open} field mappings are still undecided`);
  });

  it("refuses to approve a version that is no longer current", async () => {
    const before = await readDrafts(db(), fx.migrationId);
    await saveRouting(db(), fx.admin, fx.migrationId, { ...before.routing!.data, existingRecords: "skip" });
    const err = await approveDraft(db(), fx.admin, fx.migrationId, "routing", before.routing!.versionHash).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toMatch(/no longer current/);
  });

  it("completes the map gate with four approvals, and a later change withdraws the approval and the gate", async () => {
    await expect(loadApprovedMapping(db(), fx.organizationId, fx.migrationId)).rejects.toThrow(/Field map is not approved; Object routing is not approved; Stage map is not approved; Owner resolution is not approved/);
    await approveEverything(fx.admin, fx.migrationId);
    expect((await gates(fx.migrationId)).map).toBeDefined();
    const approved = await loadApprovedMapping(db(), fx.organizationId, fx.migrationId);
    const drafts = await readDrafts(db(), fx.migrationId);
    for (const kind of DRAFT_KINDS) expect(approved.versions[kind]).toBe(drafts[kind]!.versionHash);
    expect(approved.routing.existingRecords).toBe("skip");
    const matched = approved.owners.report.rows.find((r) => r.status === "matched" && r.totalOwned > 0)!;
    expect(assertOwnerConfirmed(approved, matched.sourceUserId)).toBe(approved.owners.resolution.owners[matched.sourceUserId]!.destinationOwnerId);
    expect(assertOwnerConfirmed(approved, null)).toBe(approved.owners.resolution.fallbackOwnerId);
    expect(() => assertOwnerConfirmed(approved, "usr_not_in_the_report")).toThrow(OwnerNotApprovedError);

    await saveRouting(db(), fx.admin, fx.migrationId, { ...approved.routing, existingRecords: "update" });
    const latest = await readLatestApprovals(db(), fx.migrationId);
    expect(latest.routing?.withdrawnAt).toBeInstanceOf(Date);
    expect(latest.fieldMap?.withdrawnAt).toBeNull();
    expect((await gates(fx.migrationId)).map).toBeUndefined();
    const actions = (await db().auditEvent.findMany({ where: { migrationId: fx.migrationId }, select: { action: true } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["mapping.routing.approved", "gate.map.done", "mapping.routing.approval_withdrawn", "gate.withdrawn"]));

    const err = await loadApprovedMapping(db(), fx.organizationId, fx.migrationId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MappingNotApprovedError);
    expect((err as Error).message).toMatch(/Object routing was approved by admin-.* but has changed since/);
    expect((err as Error).message).not.toMatch(/Field map/);
  });

  it("re-proposing keeps the decisions a person made", async () => {
    await reviewEverything(fx.admin, fx.migrationId);
    const before = await readDrafts(db(), fx.migrationId);
    const target = before.fieldMap!.data.mappings.find((m) => m.decision.kind === "create_custom_field")!;
    const patch = await editFieldMap(db(), fx.admin, fx.migrationId, [{ id: target.id, status: "rejected" }]);
    // The answer the page patches its map with: only the edited mapping, and the stored hash.
    expect(patch.mappings.map((m) => [m.id, m.status])).toEqual([[target.id, "rejected"]]);
    expect(patch.versionHash).toBe((await readDrafts(db(), fx.migrationId)).fieldMap!.versionHash);
    expect(patch.versionHash).not.toBe(before.fieldMap!.versionHash);
    const { proposeAll } = await import("./review-service");
    await proposeAll(db(), fx.admin, fx.migrationId);
    const after = await readDrafts(db(), fx.migrationId);
    expect(after.fieldMap!.data.mappings.find((m) => m.id === target.id)?.status).toBe("rejected");
    expect(after.fieldMap!.data.mappings.filter((m) => m.status === "proposed")).toHaveLength(0);
  });
});
